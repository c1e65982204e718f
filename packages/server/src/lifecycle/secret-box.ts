import { open, seal, type Keyring } from '../crypto/envelope';
import type { SecretBox } from '../webhooks/ports';

/** Webhook signing secrets sealed with the server's keyring (AES-256-GCM envelope, bound to the endpoint id). */
export function keyringSecretBox(keyring: Keyring): SecretBox {
  const ctx = (endpointId: string) => ({ tenant: 'webhook-endpoint', subject: endpointId });
  return {
    seal: (plaintext, endpointId) => JSON.stringify(seal(keyring, plaintext, ctx(endpointId))),
    open: (sealed, endpointId) => {
      const plain = open(keyring, JSON.parse(sealed) as unknown, ctx(endpointId));
      try {
        return plain.toString('utf8');
      } finally {
        plain.fill(0);
      }
    },
  };
}
