import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { maskToken } from './crypto/tokens';

export type Logger = PinoLogger;

/** Anything shaped like one of our tokens, wherever it hides in a log line. */
const TOKEN_LIKE = /fl[kspch]_(?:(?:test|live)_)?[0-9A-Za-z]{6,}(?:_[0-9A-Za-z]{6})?/g;

/** Replace every token-like substring with its prefix and last four characters. */
export function maskTokensIn(text: string): string {
  // Every token starts with "fl": most text (paths, request ids) has none and skips the regex.
  if (!text.includes('fl')) return text;
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

/** Loggers made by createLogger: their line shape is known, so a line can be written without pino's per-call work. */
const ours = new WeakSet<Logger>();

/** The pino logger every part of the server uses: JSON lines, secrets redacted, tokens masked. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const logger = pino(
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
  ours.add(logger);
  return logger;
}

const INFO = 30;
const SYM = pino.symbols;

/**
 * Write one info line of `logger` whose fields are given as JSON members (`,"a":1,"b":"x"`), already safe:
 * no secret, tokens masked. On a createLogger logger this is the line `logger.info(fields, msg)` would write,
 * built from pino's own level, time, bindings and stream without its per-call hooks, formatters, redaction
 * and serializers (the access line's cost on every request); on any other logger it goes through pino.
 */
export function writeKnownLine(logger: Logger, members: string, msg: string): void {
  if (!logger.isLevelEnabled('info')) return;
  if (!ours.has(logger)) {
    logger.info(JSON.parse(`{${members.slice(1)}}`) as object, msg);
    return;
  }
  // The pieces pino's own asJson puts together, in its order: level, time, bindings, fields, message, end.
  const p = logger as unknown as Record<symbol, unknown>;
  const level = (p[SYM.lsCacheSym] as Record<number, string>)[INFO];
  const time = (p[SYM.timeSym] as () => string)();
  const stream = p[SYM.streamSym] as { write(line: string): unknown };
  stream.write(
    `${level}${time}${p[SYM.chindingsSym] as string}${members},"msg":${JSON.stringify(msg)}${p[SYM.endSym] as string}`,
  );
}
