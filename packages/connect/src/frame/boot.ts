import { HostedBoot } from '@flange/protocol';

/** The id of the boot JSON element the server writes into the hosted page. */
export const BOOT_ELEMENT_ID = 'flange-boot';

/** Read and check the hosted page's boot JSON; null when it is missing or malformed. */
export function readHostedBoot(doc: Document = document): HostedBoot | null {
  // The server's element is the last one; an empty template placeholder before it is ignored.
  const all = doc.querySelectorAll(`script#${BOOT_ELEMENT_ID}`);
  const el = all[all.length - 1];
  if (!el || el.getAttribute('type') !== 'application/json') return null;
  let json: unknown;
  try {
    json = JSON.parse(el.textContent ?? '');
  } catch {
    return null;
  }
  const parsed = HostedBoot.safeParse(json);
  return parsed.success ? parsed.data : null;
}
