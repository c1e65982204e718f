export { FlangeApiError } from './api/api-error';
export { createApiClient, redeemHandoff } from './api/api-client';
export type { ApiClient, ApiClientOptions, RequestOptions } from './api/api-client';
export { readEventStream, streamAttemptEvents } from './api/sse';
export type { SseMessage, AttemptStreamOptions } from './api/sse';
export { openConnect } from './embed/open-connect';
export type { OpenConnectOptions, ConnectHandle, ConnectSuccess } from './embed/open-connect';
export { httpOrigin } from './embed/origin';
export { readHostedBoot, BOOT_ELEMENT_ID } from './frame/boot';
export { connectToHost, isEmbedded } from './frame/host-bridge';
export type { HostBridge, HostBridgeOptions, BridgeTarget, BridgeWindow } from './frame/host-bridge';
export { createFlowStore } from './flow/flow-store';
export type { FlowStore, FlowStoreOptions, StartOptions, SubmitInput } from './flow/flow-store';
export { MAX_RECENT } from './flow/persistence';
export type { KeyValueStorage } from './flow/persistence';
export type {
  FieldIssue,
  FlowError,
  FlowScreen,
  FlowSnapshot,
  FlowEventSink,
  HandoffProgress,
  StepProgress,
} from './flow/flow-types';
