import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy';
import { NetError } from './net-error';

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS resolution, injectable so tests can answer with whatever a hostile resolver would. */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo), every A and AAAA record. */
export const systemLookup: Lookup = async (hostname) => {
  const all = await dns.lookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Resolve a host and check every address it returns: if any one is refused, the host is refused (a name
 * answering [8.8.8.8, 10.0.0.1] must not be half-trusted). IP literals are checked directly, because Node
 * never calls `lookup` for them. A resolver failure or timeout counts as "cannot reach", never "allowed".
 */
export async function resolveChecked(
  hostname: string,
  opts: { policy: AddressPolicy; lookup: Lookup; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<ResolvedAddress[]> {
  const literal = isIP(hostname);
  if (literal !== 0) {
    if (!opts.policy.isAllowed(hostname)) throw new NetError('address_blocked');
    return [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  }
  let timer: NodeJS.Timeout | undefined;
  let answers: ResolvedAddress[];
  try {
    answers = await Promise.race([
      opts.lookup(hostname),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new NetError('dns_failed', { reason: 'ETIMEOUT' })), opts.timeoutMs);
        opts.signal?.addEventListener('abort', () => reject(new NetError('aborted')), { once: true });
      }),
    ]);
  } catch (e) {
    if (e instanceof NetError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new NetError('dns_failed', { reason: typeof code === 'string' ? code : 'ERROR' });
  } finally {
    clearTimeout(timer);
  }
  if (answers.length === 0) throw new NetError('dns_failed', { reason: 'NODATA' });
  for (const a of answers) {
    if (isIP(a.address) === 0 || !opts.policy.isAllowed(a.address)) throw new NetError('address_blocked');
  }
  return answers;
}
