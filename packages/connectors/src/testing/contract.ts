/* oxlint-disable vitest/no-conditional-expect -- a data-driven suite: which checks apply depends on the scenario */
import { randomBytes } from 'node:crypto';
import { AttemptError as AttemptErrorSchema, StepEvent as StepEventSchema } from '@flange/protocol';
import type { ErrorCode, StepEvent, StepId } from '@flange/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connectors, NetworkPolicy, ValidateOutcome } from '../api';
import { createConnectors } from '../connectors';
import type { LogEntry } from '../engine/run';
import type { ConnectorDefinition } from '../engine/definition';

/** A running simulator as the contract suite needs it. */
export interface ContractTarget {
  url: string;
  /** Credentialed requests (sign-in attempts) the simulator received so far. */
  authAttempts(): number;
  /** Logouts received so far (session products). */
  logouts?(): number;
  /** Sessions still open on the simulator (session products). */
  openSessions?(): number;
  /** Back to the seeded state between scenarios (counters, blocks). */
  reset(): void;
  close(): Promise<void>;
}

/** One failure the product can signal, and what the user must see. */
export interface FailureScenario {
  name: string;
  authMethod: string;
  values: (url: string) => Record<string, string>;
  code: ErrorCode;
  step: StepId;
  /** The field to fix, or null when none applies. */
  param: string | null;
  upstreamCode?: string;
  /** The error must carry guidance (where to create a key, which right is missing). */
  guidance?: boolean;
  /** The error must list possible causes (obscured failures). */
  possibleCauses?: boolean;
  /** Credentialed requests expected; default 1 for a failure at authenticate (no retry). */
  authAttempts?: number;
}

export interface ConnectorContract {
  systemId: string;
  start(): Promise<ContractTarget>;
  /** Policy overrides (host overrides for fixed cloud hosts). Loopback is allowlisted by default. */
  policy?: Partial<NetworkPolicy>;
  definitions?: readonly ConnectorDefinition[];
  /** Good credentials per auth method, with what must come back. */
  good: {
    authMethod: string;
    values: (url: string) => Record<string, string>;
    user?: string;
    entities: string[];
  }[];
  failures: FailureScenario[];
}

/** The policy the contract runs under: loopback simulators allowlisted, http allowed, real timeouts. */
export function contractPolicy(overrides: Partial<NetworkPolicy> = {}): NetworkPolicy {
  return {
    allowedNetworks: ['127.0.0.1/32', '::1/128'],
    allowHttp: true,
    hostOverrides: {},
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 15_000,
    maxBodyBytes: 1_000_000,
    ...overrides,
  };
}

interface Captured {
  events: StepEvent[];
  logs: LogEntry[];
  outcome: ValidateOutcome;
}

/**
 * Register the contract tests for one connector against its simulator: good credentials succeed with the
 * account and entities; each failure gives our code, message, field and guidance; no secret appears in any
 * event, error or log line (canaries); sessions are logged out; an authentication failure is never retried.
 */
export function runConnectorContract(contract: ConnectorContract): void {
  describe(`connector contract: ${contract.systemId}`, () => {
    let target: ContractTarget;
    let logs: LogEntry[] = [];
    let connectors: Connectors;

    beforeAll(async () => {
      target = await contract.start();
      connectors = createConnectors({
        policy: contractPolicy(contract.policy),
        log: (e) => logs.push(e),
        ...(contract.definitions !== undefined ? { definitions: contract.definitions } : {}),
      });
    });
    afterAll(async () => {
      await target?.close();
    });
    beforeEach(() => {
      target.reset();
      logs = [];
    });

    async function validate(authMethod: string, values: Record<string, string>): Promise<Captured> {
      const events: StepEvent[] = [];
      const outcome = await connectors.validate({ systemId: contract.systemId, authMethod, values }, (e) =>
        events.push(e),
      );
      for (const e of events) StepEventSchema.parse(e);
      if (!outcome.ok) AttemptErrorSchema.parse(outcome.error);
      return { events, logs: [...logs], outcome };
    }

    /** Everything a user or a log can see: events, the error, the account and entities, logs. */
    function visible(c: Captured): string {
      const { outcome } = c;
      const shown = outcome.ok
        ? { account: outcome.account, entities: outcome.entities, product: outcome.product }
        : outcome.error;
      return JSON.stringify({ events: c.events, shown, logs: c.logs });
    }

    function secretFieldsOf(authMethod: string): string[] {
      const info = connectors.get(contract.systemId);
      const method = info?.authMethods.find((m) => m.id === authMethod);
      return (method?.fields ?? []).filter((f) => f.kind === 'secret' || f.kind === 'file').map((f) => f.key);
    }

    it('is listed with its auth methods, entities and steps', () => {
      const info = connectors.get(contract.systemId);
      expect(info).toBeDefined();
      expect(info!.summary.id).toBe(contract.systemId);
      expect(info!.steps.slice(0, 3)).toEqual(['resolve', 'connect', 'tls']);
      expect(info!.steps).toContain('authenticate');
      for (const g of contract.good) expect(info!.authMethods.map((m) => m.id)).toContain(g.authMethod);
    });

    for (const good of contract.good) {
      it(`${good.authMethod}: good credentials succeed with the identity and the entities`, async () => {
        const values = good.values(target.url);
        const c = await validate(good.authMethod, values);
        if (!c.outcome.ok) throw new Error(`expected success, got ${JSON.stringify(c.outcome.error)}`);
        if (good.user !== undefined) expect(c.outcome.account.user).toBe(good.user);
        expect(c.outcome.entities.filter((e) => e.ok).map((e) => e.id)).toEqual(
          expect.arrayContaining(good.entities),
        );
        // Each started step ends, in order, with a duration.
        const ended = c.events.filter((e) => e.status !== 'running');
        for (const e of ended) if (e.status !== 'skipped') expect(e.duration_ms).toBeGreaterThanOrEqual(0);
        expect(c.events.filter((e) => e.status === 'running').length).toBe(
          c.events.filter((e) => e.status === 'succeeded' || e.status === 'failed').length,
        );
        // The good secret never shows outside the stored credentials.
        for (const key of secretFieldsOf(good.authMethod)) {
          const secret = values[key]!;
          expect(visible(c)).not.toContain(secret);
        }
        // Sessions are closed.
        if (target.openSessions !== undefined) expect(target.openSessions()).toBe(0);
        if (c.events.some((e) => e.step === 'logout' && e.status === 'succeeded')) {
          expect(target.logouts?.() ?? 1).toBeGreaterThanOrEqual(1);
        }
      });

      it(`${good.authMethod}: canary secrets never appear in events, errors or logs`, async () => {
        const values = good.values(target.url);
        const canaries: string[] = [];
        for (const key of secretFieldsOf(good.authMethod)) {
          const canary = `canary-${randomBytes(12).toString('hex')}`;
          values[key] = canary;
          canaries.push(canary);
        }
        const c = await validate(good.authMethod, values);
        expect(c.outcome.ok).toBe(false);
        for (const canary of canaries) expect(visible(c)).not.toContain(canary);
      });
    }

    for (const f of contract.failures) {
      it(`${f.authMethod}: ${f.name} → ${f.code}`, async () => {
        const before = target.authAttempts();
        const values = f.values(target.url);
        const c = await validate(f.authMethod, values);
        if (c.outcome.ok) throw new Error(`expected ${f.code}, got success`);
        const err = c.outcome.error;
        expect(err.code).toBe(f.code);
        expect(err.step).toBe(f.step);
        expect(err.display_message.length).toBeGreaterThan(10);
        if (f.param === null) expect(err.param).toBeUndefined();
        else expect(err.param).toBe(f.param);
        if (f.upstreamCode !== undefined) expect(err.upstream_code).toBe(f.upstreamCode);
        if (f.guidance === true) expect(err.guidance?.steps.length ?? 0).toBeGreaterThan(0);
        if (f.possibleCauses === true) expect(err.possible_causes?.length ?? 0).toBeGreaterThan(1);
        // The failing step is the last one that ran, apart from a logout after it.
        const failed = c.events.filter((e) => e.status === 'failed');
        expect(failed[0]?.step).toBe(f.step);
        // No retry after an authentication failure: exactly the expected sign-in requests reached upstream.
        const expected = f.authAttempts ?? (f.step === 'authenticate' ? 1 : undefined);
        if (expected !== undefined) expect(target.authAttempts() - before).toBe(expected);
        for (const key of secretFieldsOf(f.authMethod)) {
          const secret = values[key];
          if (secret !== undefined && secret.length >= 4) expect(visible(c)).not.toContain(secret);
        }
        if (target.openSessions !== undefined) expect(target.openSessions()).toBe(0);
      });
    }
  });
}
