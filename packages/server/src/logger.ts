import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { maskToken } from './crypto/tokens';

export type Logger = PinoLogger;

/** Anything shaped like one of our tokens, wherever it hides in a log line. */
const TOKEN_LIKE = /fl[kspch]_(?:(?:test|live)_)?[0-9A-Za-z]{6,}(?:_[0-9A-Za-z]{6})?/g;

/** Replace every token-like substring with its prefix and last four characters. */
export function maskTokensIn(text: string): string {
  return text.replace(TOKEN_LIKE, (t) => maskToken(t));
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskTokensIn(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskTokensIn(value.message), stack: maskTokensIn(value.stack ?? '') };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/** Field names whose values are secrets wherever they appear (canary tests check these). */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.cookie',
  'password',
  '*.password',
  'apikey',
  '*.apikey',
  '*.api_key',
  '*.secret',
  '*.client_secret',
  'values',
  '*.values',
  'credentials',
  '*.credentials',
  '*.session_token',
  '*.access_token',
  '*.public_token',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** The pino logger every part of the server uses: JSON lines, secrets redacted, tokens masked. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'flange-server' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskTokensIn(a) : a));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: { err: (e: unknown) => maskDeep(e) },
    },
    opts.destination,
  );
}
