export { ERROR_STATUS, ERROR_TITLES, ErrorCode, statusFor, docUrlFor } from './errors';
export { Problem, Guidance } from './problem';
export { normalizeInstanceUrl, URL_PROBLEM_MESSAGES } from './url';
export type { NormalizedUrl } from './url';
export { FieldFormat, FieldOption, FieldSpec } from './fields';
export { checkField, checkFields, explainField, judgeField, fieldsSchema } from './field-check';
export type { FieldCheck, FieldProblem, FieldRefusal } from './field-check';
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
} from './catalog';
export { Locale, EndUser, Environment, SessionInfo } from './session';
export {
  CertificateInfo,
  AttemptError,
  CreateAttemptResponse,
  StepEvent,
  AttemptEvent,
  AttemptState,
  ProbeResult,
} from './attempts';
export { ConnectionStatus, ConnectionView, VerificationStep } from './connection';
export {
  Origin,
  CreateSessionBody,
  CreateSessionResponse,
  CreateAttemptBody,
  Account,
  VerifiedEntity,
  ProbeBody,
  ExchangeBody,
  ExchangeResponse,
  ConnectionList,
  ListConnectionsQuery,
  RequestSystemBody,
} from './api-bodies';
export { TOKEN_PATTERNS, tokenKind } from './tokens';
export type { TokenKind } from './tokens';
export { WidgetEventName, WidgetEventMetadata } from './widget-events';
export { MESSAGE_VERSION, FrameToHostMessage } from './messages';
export { Theme, HostToFrameMessage } from './host-messages';
export {
  CORE_ENDPOINTS,
  CatalogQuery,
  LocaleCatalog,
  SystemRequestView,
  SystemRequestList,
} from './endpoints';
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
  UpdateWebhookEndpointBody,
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
export { compareByPopularity, createCatalogIndex, entryFilter, searchCatalog } from './search';
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
