import { EventEmitter } from 'node:events';

/**
 * In-process wake-ups for attempt streams: the runner announces "new events for attempt X" and open
 * SSE responses read them from storage. Streams also poll, so an attempt running on another
 * instance still reaches them, only a little later.
 */
export class AttemptHub {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  notify(attemptId: string): void {
    this.#emitter.emit(attemptId);
  }

  /** Call `fn` on each notification for `attemptId`; returns the unsubscribe function. */
  subscribe(attemptId: string, fn: () => void): () => void {
    this.#emitter.on(attemptId, fn);
    return () => this.#emitter.off(attemptId, fn);
  }
}
