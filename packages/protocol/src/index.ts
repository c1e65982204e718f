export { ERROR_STATUS, ERROR_TITLES, ErrorCode, statusFor, docUrlFor } from './errors';
export { Problem, Guidance } from './problem';
export { normalizeInstanceUrl, URL_PROBLEM_MESSAGES } from './url';
export type { NormalizedUrl } from './url';
export {
  FieldFormat,
  FieldOption,
  FieldSpec,
  checkField,
  checkFields,
  explainField,
  fieldsSchema,
} from './fields';
export type { FieldCheck, FieldProblem } from './fields';
export { STEP_IDS, STEP_LABELS, StepId, StepStatus } from './steps';
export {
  Category,
  Deployment,
  SystemSummary,
  CatalogResponse,
  Guide,
  GuideStep,
  AuthMethod,
  Entity,
  SandboxHints,
  SystemDetail,
  RequestSystemBody,
} from './catalog';
export {
  Locale,
  EndUser,
  Origin,
  CreateSessionBody,
  CreateSessionResponse,
  Environment,
  SessionInfo,
} from './session';
export {
  CertificateInfo,
  AttemptError,
  CreateAttemptBody,
  CreateAttemptResponse,
  Account,
  VerifiedEntity,
  StepEvent,
  AttemptEvent,
  AttemptState,
  ProbeBody,
  ProbeResult,
} from './attempts';
export {
  ConnectionStatus,
  ConnectionView,
  ExchangeBody,
  ExchangeResponse,
  ConnectionList,
  ListConnectionsQuery,
  VerificationStep,
} from './connection';
export { TOKEN_PATTERNS, tokenKind } from './tokens';
export type { TokenKind } from './tokens';
export { WidgetEventName, WidgetEventMetadata } from './widget-events';
export { MESSAGE_VERSION, Theme, FrameToHostMessage, HostToFrameMessage } from './messages';
export { CORE_ENDPOINTS, CatalogQuery, SystemRequestView, SystemRequestList } from './endpoints';
export type { Endpoint, EndpointAuth } from './endpoints';
export { buildOpenApi } from './openapi';
export {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_SECRET_PATTERN,
  MAX_GRACE_SECONDS,
  WebhookEventType,
  WebhookEventFilter,
  CreateWebhookEndpointBody,
  WebhookEndpointStatus,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  WebhookEndpointList,
  ListQuery,
  RollWebhookSecretBody,
  WebhookAttemptErrorClass,
  WebhookAttemptView,
  WebhookDeliveryStatus,
  WebhookDeliveryView,
  WebhookDeliveryList,
  ListWebhookDeliveriesQuery,
  TransitionReason,
  ConnectionCreatedEvent,
  ConnectionReauthorizationRequiredEvent,
  ConnectionReauthorizedEvent,
  ConnectionDegradedEvent,
  ConnectionRecoveredEvent,
  ConnectionTokenRotatedEvent,
  ConnectionRevokedEvent,
  SystemRequestedEvent,
  WebhookEvent,
} from './webhooks';
export type { WebhookEventInput } from './webhooks';
export {
  DEFAULT_TOKEN_GRACE_SECONDS,
  RotateTokenBody,
  RotateTokenResponse,
  VerifyConnectionBody,
  LIFECYCLE_ENDPOINTS,
} from './lifecycle';
export { HostedBoot } from './hosted-boot';
export { createCatalogIndex, searchCatalog } from './search';
export type { CatalogIndex, CatalogSearchOptions, SearchableSystem } from './search';
export {
  HandoffResume,
  SavePositionBody,
  PositionResponse,
  CreateHandoffBody,
  HandoffCreated,
  HandoffStatus,
  HandoffView,
  HandoffList,
  RedeemHandoffResponse,
  HANDOFF_ENDPOINTS,
} from './handoff';
