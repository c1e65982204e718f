export type {
  ConnectorInfo,
  Connectors,
  LoginIdentity,
  NetworkPolicy,
  ValidateInput,
  ValidateOutcome,
} from './api';
export { createConnectors, stopsFurtherAttempts, STOPPING_CODES } from './connectors';
export type { CreateConnectorsOptions } from './connectors';
export { defineConnector } from './engine/definition';
export type {
  AccountMapping,
  AuthMethodSpec,
  AuthShape,
  BaseUrlSpec,
  ConnectorDefinition,
  ConnectorHooks,
  EntitySpec,
  FailureRule,
  FingerprintSpec,
  HookContext,
  HookFailure,
  JsonTemplate,
  OAuth2Shape,
  Predicate,
  PreparedRequest,
  RequestSpec,
  Template,
  TokenSource,
  ValueSource,
} from './engine/definition';
export type { LogEntry, Logger } from './engine/run';
export { DEFINITIONS } from './systems';
export { ibmMaximo } from './systems/ibm-maximo';
export * from './net';
export * from './catalog';
