import { Flange } from '@flange/node';

/**
 * The `@flange/node` client, built once the secret key is known: the key may be written by the Flange
 * server after the demo started, so it is resolved on first use (and a changed key gets a new client).
 */
export type FlangeClient = () => Promise<Flange>;

export interface FlangeClientOptions {
  /** Flange API origin, e.g. http://localhost:4000. */
  baseUrl: string;
  secretKey: () => Promise<string>;
  timeoutMs?: number;
}

/** A lazily built SDK client over `secretKey`. */
export function createFlangeClient(opts: FlangeClientOptions): FlangeClient {
  let built: { key: string; client: Flange } | undefined;
  return async () => {
    const key = await opts.secretKey();
    if (built?.key !== key) {
      built = {
        key,
        client: new Flange({
          secretKey: key,
          baseUrl: opts.baseUrl,
          timeoutMs: opts.timeoutMs ?? 15_000,
        }),
      };
    }
    return built.client;
  };
}
