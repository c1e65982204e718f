/**
 * What the webhook, health and rate-limit services take from the server besides the database: the clock
 * (the server's own) and a logger (pino fits this structural subset).
 */
export type { Clock } from '../clock';
export { systemClock } from '../clock';

/** The subset of pino the services log through (objects first, message second). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything: for tests that assert on state, not on log lines. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
