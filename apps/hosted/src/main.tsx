// First: configures zod before any module builds a schema.
// oxlint-disable-next-line import/no-unassigned-import
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { FlangeApiError, FlangeConnect, createTranslate, loadMessages, resolveLocale } from '@flange/react';
import type { MessageKey, Translate } from '@flange/react';
import { connectToHost, isEmbedded, readHostedBoot, redeemHandoff } from '@flange/connect/frame';
import type { HostBridge } from '@flange/connect/frame';
import type { HandoffResume, HostToFrameMessage, Locale } from '@flange/protocol';
import { enHosted } from '@flange/protocol/i18n/en-hosted';

type Init = Extract<HostToFrameMessage, { type: 'init' }>;

/** A hand-off link: /connect#flh_… (the secret stays in the fragment, which no server ever receives). */
const HANDOFF_FRAGMENT = /^#(flh_[0-9A-Za-z]{32,})$/;

/** The nonce the server put on this page's tags (Vite's html.cspNonce meta), for the widget's <style>. */
function pageNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || undefined;
}

function message(root: Root, text: string, alert = false): void {
  root.render(
    <main className="hosted-message">
      <p role={alert ? 'alert' : 'status'}>{text}</p>
    </main>,
  );
}

function followHeight(bridge: HostBridge): void {
  let last = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) {
      last = height;
      bridge.send({ type: 'resize', height });
    }
  };
  new ResizeObserver(report).observe(document.body);
  report();
}

function renderFlow(root: Root, bridge: HostBridge, apiBase: string, init: Init): void {
  const mode = init.theme?.mode ?? 'light';
  document.body.classList.add(mode);
  const nonce = pageNonce();
  const exitAfterSuccess = () => bridge.send({ type: 'exit', error: null, metadata: { status: 'success' } });
  root.render(
    <StrictMode>
      <main>
        <FlangeConnect
          sessionToken={init.session_token}
          apiBaseUrl={apiBase}
          isolation="scoped"
          headingLevel={1}
          {...(init.locale ? { locale: init.locale } : {})}
          {...(init.theme ? { theme: init.theme } : {})}
          {...(nonce ? { cspNonce: nonce } : {})}
          onSuccess={(r) =>
            bridge.send({ type: 'success', public_token: r.publicToken, connection: r.connection })
          }
          onEvent={(name, metadata) => bridge.send({ type: 'event', name, metadata })}
          onExit={(error, metadata) => bridge.send({ type: 'exit', error, metadata })}
          onDone={exitAfterSuccess}
        />
      </main>
    </StrictMode>,
  );
  // Escape inside the frame never reaches the host page's listener: tell the host ourselves.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    bridge.send({ type: 'event', name: 'EXIT', metadata: { status: 'user_closed' } });
    bridge.send({ type: 'exit', error: null, metadata: { status: 'user_closed' } });
  });
  followHeight(bridge);
}

/**
 * The page an IT admin opened from a hand-off link, at the top level (no host page around it): trade
 * the fragment's one-time secret for a session token, then run the same flow. Until the admin is
 * connected, leaving the page asks first: the link works once.
 */
async function runHandoff(
  root: Root,
  apiBase: string,
  secret: string,
  t: Translate,
  locale: Locale,
): Promise<void> {
  message(root, t('hosted.redeeming'));
  let redeemed: { session_token: string; resume: HandoffResume | null };
  try {
    redeemed = await redeemHandoff({ baseUrl: apiBase, secret });
  } catch (error) {
    // Error texts live with the later screens' messages.
    const all = createTranslate({ ...enHosted, ...(await loadMessages(locale, 'all', { apiBase })) });
    const text =
      error instanceof FlangeApiError && error.status !== 0
        ? locale === 'en' && error.displayMessage
          ? error.displayMessage
          : all(`error.${error.code}` as MessageKey)
        : all('hosted.redeemFailed');
    return message(root, text, true);
  }
  let done = false;
  window.addEventListener('beforeunload', (e) => {
    if (!done) e.preventDefault();
  });
  const nonce = pageNonce();
  root.render(
    <StrictMode>
      <main>
        <FlangeConnect
          sessionToken={redeemed.session_token}
          apiBaseUrl={apiBase}
          isolation="scoped"
          headingLevel={1}
          theme={{ mode: 'system' }}
          handoff={{ resume: redeemed.resume }}
          {...(nonce ? { cspNonce: nonce } : {})}
          onSuccess={() => {
            done = true;
          }}
        />
      </main>
    </StrictMode>,
  );
}

async function main(): Promise<void> {
  const el = document.getElementById('root');
  if (!el) return;
  const root = createRoot(el);
  const locale = resolveLocale(undefined, null);
  document.documentElement.lang = locale;
  const boot = readHostedBoot();
  // Languages other than English come from the API (the page's own server when the boot is missing).
  // The page's own English rides with it; a served catalog (any other language) has these keys too.
  const t = createTranslate({
    ...enHosted,
    ...(await loadMessages(locale, 'core', { apiBase: boot?.api_base ?? '' })),
  });
  if (!boot) return message(root, t('hosted.invalid'), true);

  const handoff = HANDOFF_FRAGMENT.exec(window.location.hash);
  if (handoff?.[1]) {
    // Out of the address bar and the history at once: a reload must not offer a spent secret again.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    document.body.classList.add('system');
    return runHandoff(root, boot.api_base, handoff[1], t, locale);
  }
  if (!isEmbedded()) {
    // The session token only ever arrives by postMessage from the embedding page, never in a URL.
    return message(root, t('hosted.notEmbedded'));
  }
  if (boot.allowed_origins.length === 0) return message(root, t('hosted.noOrigins'), true);
  const bridge = connectToHost({
    allowedOrigins: boot.allowed_origins,
    onInit: (init) => renderFlow(root, bridge, boot.api_base, init),
  });
  message(root, t('loading'));
}

void main();
