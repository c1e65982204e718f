/**
 * The connectors package's contract with the server. The server never reaches into connector internals:
 * it lists connectors, validates values through the pipeline, probes addresses, and keys the lockout guard.
 */
import type {
  Account,
  AttemptError,
  AuthMethod,
  Entity,
  ProbeResult,
  StepEvent,
  StepId,
  SystemSummary,
  VerifiedEntity,
} from '@flange/protocol';

/** What the server and the catalog know about one connector (fields and guides included). */
export interface ConnectorInfo {
  summary: SystemSummary;
  authMethods: AuthMethod[];
  entities: Entity[];
  steps: StepId[];
}

/** Outbound HTTP policy for every call to a customer's system (SSRF rules, timeouts, host overrides). */
export interface NetworkPolicy {
  /** CIDRs a deployment opts in (on-prem networks, local simulators); everything else non-public is refused. */
  allowedNetworks: string[];
  /** Whether plain http:// is allowed (only for opted-in networks or on-prem deployments). */
  allowHttp: boolean;
  /** Fixed cloud hosts sent elsewhere, e.g. { 'api.getmaintainx.com': 'http://127.0.0.1:4101' } in dev and tests. */
  hostOverrides: Record<string, string>;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
}

export interface ValidateInput {
  systemId: string;
  authMethod: string;
  /** Values already checked against the field spec (checkFields). */
  values: Record<string, string>;
  /** SHA-256 fingerprint (AA:BB:…) of a certificate the user chose to trust for this connection. */
  trustedCertificateSha256?: string;
  signal?: AbortSignal;
}

export type ValidateOutcome =
  | {
      ok: true;
      instanceUrl: string | null;
      account: Account;
      entities: VerifiedEntity[];
      product?: { name: string; version?: string };
      /** The values to store encrypted (what later verifications need). */
      credentials: Record<string, string>;
      pinnedCertificateSha256?: string;
    }
  | { ok: false; error: AttemptError };

/** Who a login attempt is for, to count failures per (instance host, username) before calling upstream. */
export interface LoginIdentity {
  host: string;
  principal: string;
}

export interface Connectors {
  list(): ConnectorInfo[];
  get(systemId: string): ConnectorInfo | undefined;
  /** Run the pipeline; `onStep` receives each step's running/succeeded/failed/skipped event in order. */
  validate(input: ValidateInput, onStep: (event: StepEvent) => void): Promise<ValidateOutcome>;
  /** Unauthenticated look at an address: reachable, TLS, which product answers. */
  probe(systemId: string, url: string, signal?: AbortSignal): Promise<ProbeResult>;
  loginIdentity(systemId: string, authMethod: string, values: Record<string, string>): LoginIdentity | null;
}
