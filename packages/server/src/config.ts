import { isIP } from 'node:net';
import path from 'node:path';
import * as z from 'zod';
import type { NetworkPolicy } from '@flange/connectors';
import { TOKEN_PATTERNS } from '@flange/protocol';
import { parseKeyList } from './crypto/envelope';
import type { Kek } from './crypto/envelope';

/** Everything the server is configured with, parsed from the environment once by main.ts. */
export interface Config {
  port: number;
  host: string;
  /** Origin (and optional path prefix) the browser reaches us at, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Key-encryption keys from FLANGE_ENCRYPTION_KEYS; null: the embedded default keeps one in the data dir. */
  encryptionKeys: Kek[] | null;
  /** From FLANGE_TOKEN_PEPPER; null: the embedded default keeps one in the data dir. */
  tokenPepper: string | null;
  demoSecretKey: string | null;
  seedDemo: boolean;
  network: NetworkPolicy;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built hosted flow (apps/hosted/dist). */
  hostedDist: string;
  /** JSON file of sandbox hints per system id, shown in the test environment. */
  sandboxFile: string | null;
  /** Express `trust proxy`: false, a hop count, or a list of proxy addresses. */
  trustProxy: boolean | number | string;
  sessionTtlSeconds: number;
  publicTokenTtlSeconds: number;
  lockout: LockoutConfig;
  /** The longest an attempt may run before it is failed with UPSTREAM_TIMEOUT. */
  attemptTimeoutMs: number;
  /** SSE comment interval that keeps proxies from closing an idle stream. */
  sseHeartbeatMs: number;
  bodyLimitBytes: number;
}

export interface LockoutConfig {
  /** Failed sign-ins per (instance host, username) within the window; below upstream lockout thresholds. */
  maxIdentityFailures: number;
  /** Attempts per connect session within the window. */
  maxSessionAttempts: number;
  /** Probes per connect session within the window (each one is an outbound call). */
  maxSessionProbes: number;
  windowSeconds: number;
}

/** Thrown when the environment is invalid: the message lists every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const httpUrl = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}, 'must be an http(s) URL without user or password');

function isCidr(s: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const family = isIP(m[1] ?? '');
  const bits = Number(m[2]);
  return (family === 4 && bits <= 32) || (family === 6 && bits <= 128);
}

const cidrList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )
  .refine(
    (list) => list.every(isCidr),
    'must be a comma-separated list of CIDRs such as 127.0.0.1/32,10.0.0.0/8',
  );

/** `host=url,host2=url2` or a JSON object: fixed cloud hosts sent to local stand-ins in dev and tests. */
const hostOverrides = z.string().transform((s, ctx): Record<string, string> => {
  let entries: [string, unknown][];
  if (s.trim().startsWith('{')) {
    try {
      entries = Object.entries(JSON.parse(s) as Record<string, unknown>);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
  } else {
    entries = s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '')
      .map((x) => {
        const cut = x.indexOf('=');
        return cut > 0 ? [x.slice(0, cut), x.slice(cut + 1)] : [x, undefined];
      });
  }
  const out: Record<string, string> = {};
  for (const [host, target] of entries) {
    if (!/^[a-z0-9.-]+$/i.test(host) || typeof target !== 'string' || !httpUrl.safeParse(target).success) {
      ctx.addIssue({ code: 'custom', message: `entry "${host}" must be host=http(s)://target` });
      return z.NEVER;
    }
    out[host.toLowerCase()] = target.replace(/\/+$/, '');
  }
  return out;
});

const keyList = z.string().transform((s, ctx): Kek[] => {
  try {
    return parseKeyList(s);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: `must be "kid:base64key,…" with 32-byte keys (${(e as Error).message})`,
    });
    return z.NEVER;
  }
});

const trustProxy = z.string().transform((s): boolean | number | string => {
  if (s === 'true') return true;
  if (s === 'false' || s === '') return false;
  if (/^\d+$/.test(s)) return Number(s);
  return s;
});

const EnvSchema = z.object({
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  FLANGE_PUBLIC_URL: httpUrl.optional(),
  FLANGE_DATA_DIR: z.string().min(1).default('./.flange'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  FLANGE_ENCRYPTION_KEYS: keyList.optional(),
  FLANGE_TOKEN_PEPPER: z.string().min(32, 'must be at least 32 characters of random text').optional(),
  FLANGE_DEMO_SECRET_KEY: z
    .string()
    .regex(/^flk_test_/, 'must be a test secret key (flk_test_…)')
    .regex(TOKEN_PATTERNS.secret_key, 'must be flk_test_ followed by at least 32 letters or digits')
    .optional(),
  FLANGE_SEED_DEMO: bool.optional(),
  FLANGE_ALLOWED_NETWORKS: cidrList.default([]),
  FLANGE_HOST_OVERRIDES: hostOverrides.default({}),
  FLANGE_ALLOW_HTTP: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FLANGE_HOSTED_DIST: z.string().min(1).optional(),
  FLANGE_SANDBOX_FILE: z.string().min(1).optional(),
  FLANGE_TRUST_PROXY: trustProxy.default(false),
  FLANGE_SESSION_TTL_MINUTES: int(1, 30).default(30),
  FLANGE_PUBLIC_TOKEN_TTL_MINUTES: int(1, 10).default(10),
  FLANGE_LOCKOUT_MAX_FAILURES: int(1, 10).default(3),
  FLANGE_LOCKOUT_MAX_SESSION_ATTEMPTS: int(1, 50).default(5),
  FLANGE_LOCKOUT_WINDOW_MINUTES: int(1, 1440).default(15),
  FLANGE_ATTEMPT_TIMEOUT_SECONDS: int(5, 600).default(60),
  FLANGE_CONNECT_TIMEOUT_MS: int(100, 60_000).default(5000),
  FLANGE_TOTAL_TIMEOUT_MS: int(500, 120_000).default(15_000),
});

/** Defaults that depend on where the code lives rather than on the environment. */
export interface ConfigDefaults {
  cwd: string;
  hostedDist: string;
}

/** Parse the environment into a Config, or throw a ConfigError naming every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  defaults: ConfigDefaults,
): Config {
  // Empty strings count as unset: `FOO= pnpm start` should not be an error.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join('.') || '(env)'}: ${issue.message}`);
  }
  if (parsed.success && parsed.data.DATABASE_URL !== undefined) {
    // Several instances share one database: each must hold the same keys, so none may invent its own.
    if (parsed.data.FLANGE_ENCRYPTION_KEYS === undefined)
      problems.push(
        'FLANGE_ENCRYPTION_KEYS: required when DATABASE_URL is set (every instance needs the same keys)',
      );
    if (parsed.data.FLANGE_TOKEN_PEPPER === undefined)
      problems.push(
        'FLANGE_TOKEN_PEPPER: required when DATABASE_URL is set (every instance needs the same pepper)',
      );
  }
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.FLANGE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: path.resolve(defaults.cwd, e.FLANGE_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    encryptionKeys: e.FLANGE_ENCRYPTION_KEYS ?? null,
    tokenPepper: e.FLANGE_TOKEN_PEPPER ?? null,
    demoSecretKey: e.FLANGE_DEMO_SECRET_KEY ?? null,
    seedDemo: e.FLANGE_SEED_DEMO ?? e.DATABASE_URL === undefined,
    network: {
      allowedNetworks: e.FLANGE_ALLOWED_NETWORKS,
      allowHttp: e.FLANGE_ALLOW_HTTP,
      hostOverrides: e.FLANGE_HOST_OVERRIDES,
      connectTimeoutMs: e.FLANGE_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: e.FLANGE_TOTAL_TIMEOUT_MS,
      maxBodyBytes: 1024 * 1024,
    },
    logLevel: e.LOG_LEVEL,
    hostedDist: path.resolve(defaults.cwd, e.FLANGE_HOSTED_DIST ?? defaults.hostedDist),
    sandboxFile:
      e.FLANGE_SANDBOX_FILE === undefined ? null : path.resolve(defaults.cwd, e.FLANGE_SANDBOX_FILE),
    trustProxy: e.FLANGE_TRUST_PROXY,
    sessionTtlSeconds: e.FLANGE_SESSION_TTL_MINUTES * 60,
    publicTokenTtlSeconds: e.FLANGE_PUBLIC_TOKEN_TTL_MINUTES * 60,
    lockout: {
      maxIdentityFailures: e.FLANGE_LOCKOUT_MAX_FAILURES,
      maxSessionAttempts: e.FLANGE_LOCKOUT_MAX_SESSION_ATTEMPTS,
      maxSessionProbes: 60,
      windowSeconds: e.FLANGE_LOCKOUT_WINDOW_MINUTES * 60,
    },
    attemptTimeoutMs: e.FLANGE_ATTEMPT_TIMEOUT_SECONDS * 1000,
    sseHeartbeatMs: 15_000,
    bodyLimitBytes: 100 * 1024,
  };
}
