import type { ConnectionView } from '@flange/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { demoApi, type ConnectionState } from '../api';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

/**
 * What Acme's backend can do with the connection through the SDK: re-check it, rotate its token, revoke
 * it. Each answer updates the card at once; the webhook Flange sends about it shows up under Events.
 */
export function ConnectionActions({ connection }: { connection: ConnectionView }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState(false);
  const show = (next: ConnectionView) =>
    queryClient.setQueryData<ConnectionState>(['connection'], (old) => ({
      connection: next,
      other_connections: old?.other_connections ?? 0,
    }));
  const failed = (what: string) => (error: Error) =>
    setOutcome({ tone: 'error', text: `${what} failed: ${error.message}` });

  const verify = useMutation({
    mutationFn: demoApi.verify,
    onMutate: () => setOutcome(null),
    onSuccess: ({ connection: next }) => {
      show(next);
      setOutcome({
        tone: 'ok',
        text:
          next.last_verification?.outcome === 'failed'
            ? `Checked just now: Flange could not verify the credentials (${next.status}).`
            : 'Checked just now: the credentials still work.',
      });
    },
    onError: failed('Check'),
  });
  const rotate = useMutation({
    mutationFn: demoApi.rotateToken,
    onMutate: () => setOutcome(null),
    onSuccess: ({ connection: next, previous_token_expires_at }) => {
      show(next);
      setOutcome({
        tone: 'ok',
        text: `New token issued and stored by Acme’s backend. The previous one works until ${new Date(previous_token_expires_at).toLocaleString()}.`,
      });
    },
    onError: failed('Rotation'),
  });
  const revoke = useMutation({
    mutationFn: demoApi.disconnect,
    onMutate: () => {
      setOutcome(null);
      setConfirming(false);
    },
    onSuccess: ({ connection: next }) => {
      show(next);
      setOutcome({ tone: 'ok', text: `Disconnected. Flange wiped the credentials and every token.` });
    },
    onError: failed('Disconnect'),
  });

  const busy = verify.isPending || rotate.isPending || revoke.isPending;
  const revoked = connection.status === 'revoked';

  return (
    <div className="connection-actions">
      {revoked ? null : (
        <div className="connect-actions" role="group" aria-label="Manage the connection">
          <button type="button" className="btn" disabled={busy} onClick={() => verify.mutate()}>
            {verify.isPending ? 'Checking…' : 'Check now'}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => rotate.mutate()}>
            {rotate.isPending ? 'Rotating…' : 'Rotate token'}
          </button>
          {confirming ? null : (
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Disconnect
            </button>
          )}
        </div>
      )}
      {confirming && !revoked ? (
        <div className="confirm" role="group" aria-label="Confirm disconnect">
          <p>
            Disconnect {connection.system.name}? Flange deletes the credentials and the token stops working at
            once.
          </p>
          <div className="connect-actions">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => revoke.mutate()}>
              Yes, disconnect
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <p role="status" className={outcome?.tone === 'error' ? 'alert alert-error' : 'action-note'}>
        {busy ? 'Working…' : (outcome?.text ?? '')}
      </p>
    </div>
  );
}
