export { FlangeApiError } from './api/api-error';
export { createApiClient } from './api/api-client';
export type { ApiClient, ApiClientOptions, RequestOptions } from './api/api-client';
// The stream reader is not exported as a value: api-client loads it on demand (its own chunk).
export type { AttemptStreamOptions } from './api/sse';
export type { SseMessage } from './api/event-stream';
export { openConnect } from './embed/open-connect';
export type { OpenConnectOptions, ConnectHandle, ConnectSuccess } from './embed/open-connect';
export { httpOrigin } from './embed/origin';
// The iframe side (hosted page, hand-off page) is `@flange/connect/frame`: hosts never ship it.
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
