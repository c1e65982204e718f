import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { FlangeApiError, createApiClient, createFlowStore } from '@flange/connect';
import type { ApiClient, ConnectSuccess, FlowStore, KeyValueStorage } from '@flange/connect';
import type {
  AttemptError,
  HandoffResume,
  Locale,
  Theme,
  WidgetEventMetadata,
  WidgetEventName,
} from '@flange/protocol';
import { createTranslate, defaultMessages, loadMessages, resolveLocale } from './i18n/translate';
import type { MessageSource, Translate } from './i18n/translate';
import { useLatest } from './use-latest';
import { catalogQuery, createFlowQueryClient, sessionQuery } from './queries';
import { FlowContext } from './flow/flow-context';
import type { FlowContextValue, HeadingLevel } from './flow/flow-context';
import { FlowView } from './flow/flow-view';
import { Loading } from './flow/status-views';
import { ShadowHost } from './style/shadow-host';
import { useFlowStyles } from './style/use-flow-styles';
import { themeVariables } from './style/theme';

export interface FlangeConnectProps {
  /** The `session_token` (fls_…) the host backend created. Kept in memory only. */
  sessionToken: string;
  /** Where the Flange API answers; defaults to the page's own origin. */
  apiBaseUrl?: string;
  onSuccess?: (result: ConnectSuccess) => void;
  /** The user left without connecting (the close button); shows the close button when given. */
  onExit?: (error: AttemptError | null, metadata: WidgetEventMetadata) => void;
  onEvent?: (name: WidgetEventName, metadata: WidgetEventMetadata) => void;
  /** "Done" on the success screen; the button shows only when given. */
  onDone?: () => void;
  /** Overrides the session's locale (else the session's, else the browser's, else English). */
  locale?: Locale;
  theme?: Theme;
  /** Nonce for the widget's <style> element under a strict CSP (style-src 'nonce-…'). */
  cspNonce?: string;
  /**
   * `shadow` (default): the widget renders in a shadow root, so the page's CSS cannot reach it and
   * its CSS cannot reach the page. `scoped`: in the page, every rule under `.flange-root` (a page's
   * `!important` rules on broad selectors then win).
   */
  isolation?: 'shadow' | 'scoped';
  /** On the host element (shadow) or the widget root (scoped): size and place the widget. */
  className?: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
  /** The hosted page an IT admin opened from a hand-off link: where the sender was. */
  handoff?: { resume: HandoffResume | null };
  /**
   * The level of each step's heading, to fit the host page's outline (default 2: under the page's own
   * h1); headings inside a step go one below. The hosted page, a document of its own, uses 1.
   */
  headingLevel?: HeadingLevel;
}

/** Internal timings, shortened by tests (not part of the public API). */
export const FLOW_TIMINGS = { handoffPollMs: 3000 };

interface Services {
  client: ApiClient;
  store: FlowStore;
  queryClient: QueryClient;
  /** Where languages other than English come from: the same API, through the same fetch. */
  messageSource: MessageSource;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Blocked storage (a sandboxed or privacy-restricted frame) throws on access.
    return null;
  }
}

/** The connect flow rendered inline in the host page. */
export function FlangeConnect(props: FlangeConnectProps) {
  const isolation = props.isolation ?? 'shadow';
  useFlowStyles(props.cspNonce, isolation === 'scoped');
  const latest = useLatest(props);
  const [services, setServices] = useState<Services | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  // Created in an effect, not during render: StrictMode's double mount disposes the first set, and
  // server rendering creates nothing. A new token or API base starts a new flow.
  useEffect(() => {
    const clientOptions: Parameters<typeof createApiClient>[0] = {
      baseUrl: props.apiBaseUrl ?? '',
      sessionToken: props.sessionToken,
    };
    if (props.fetch) clientOptions.fetch = props.fetch;
    const client = createApiClient(clientOptions);
    const store = createFlowStore({
      client,
      onEvent: (name, metadata) => latest.current.onEvent?.(name, metadata),
      onSuccess: (result) => latest.current.onSuccess?.(result),
      storage: browserStorage(),
      handoffPollMs: FLOW_TIMINGS.handoffPollMs,
    });
    const queryClient = createFlowQueryClient();
    // The first screen waits for both, and both need only the token: ask for them together, now,
    // not a render later (the session, the slower answer, first).
    void queryClient.prefetchQuery(sessionQuery(client));
    void queryClient.prefetchQuery(catalogQuery(client));
    // The store owns an abortable network stream, so it lives exactly as long as this effect.
    // oxlint-disable-next-line react/set-state-in-effect -- publishing the services this effect owns
    setServices({
      client,
      store,
      queryClient,
      messageSource: { apiBase: client.baseUrl, fetch: props.fetch },
    });
    return () => {
      store.dispose();
      queryClient.clear();
    };
  }, [props.sessionToken, props.apiBaseUrl, props.fetch, latest]);

  const mode = props.theme?.mode ?? 'light';
  const style = useMemo(() => themeVariables(props.theme), [props.theme]);
  const rootClass = `flange-root${isolation === 'scoped' && props.className ? ` ${props.className}` : ''}`;
  const content = (
    <div ref={rootRef} className={rootClass} data-theme={mode} style={style}>
      {services ? (
        <QueryClientProvider client={services.queryClient}>
          <SessionGate
            services={services}
            latest={latest}
            locale={props.locale}
            hasExit={props.onExit !== undefined}
            hasDone={props.onDone !== undefined}
            handoff={props.handoff ?? null}
            rootRef={rootRef}
            headingLevel={props.headingLevel ?? 2}
          />
        </QueryClientProvider>
      ) : (
        <Loading />
      )}
    </div>
  );
  return isolation === 'shadow' ? (
    <ShadowHost className={props.className} nonce={props.cspNonce}>
      {content}
    </ShadowHost>
  ) : (
    content
  );
}

interface SessionGateProps {
  services: Services;
  latest: { readonly current: FlangeConnectProps };
  locale: Locale | undefined;
  hasExit: boolean;
  hasDone: boolean;
  handoff: { resume: HandoffResume | null } | null;
  rootRef: RefObject<HTMLDivElement | null>;
  headingLevel: HeadingLevel;
}

function SessionGate({
  services,
  latest,
  locale: localeProp,
  hasExit,
  hasDone,
  handoff,
  rootRef,
  headingLevel,
}: SessionGateProps) {
  const session = useQuery(sessionQuery(services.client));
  const started = useRef<FlowStore | null>(null);
  const data = session.data;

  useEffect(() => {
    if (!data || started.current === services.store) return;
    started.current = services.store;
    void services.store.start(data, { resume: handoff?.resume ?? null });
  }, [data, services.store, handoff]);

  const locale = resolveLocale(localeProp, data?.locale);
  const messages = useQuery({
    queryKey: ['flange', 'messages', locale],
    // The first screen's messages; the later screens bring the rest of English with them.
    queryFn: () => loadMessages(locale, 'core', services.messageSource),
    staleTime: Infinity,
  });
  const t = useMemo(() => createTranslate(messages.data ?? defaultMessages), [messages.data]);
  const emit = useCallback(
    (name: WidgetEventName, metadata: WidgetEventMetadata) => latest.current.onEvent?.(name, metadata),
    [latest],
  );
  const exit = useMemo(
    () =>
      hasExit
        ? () => {
            const snap = services.store.getSnapshot();
            const e = snap.error;
            const error: AttemptError | null =
              e?.step && e.display_message
                ? { code: e.code, step: e.step, display_message: e.display_message, retryable: e.retryable }
                : null;
            const metadata = {
              status: snap.screen === 'failed' || snap.screen === 'fatal' ? 'failed' : 'user_closed',
              screen: snap.screen,
              system_id: snap.systemId,
              error_code: e?.code ?? null,
            };
            latest.current.onEvent?.('EXIT', metadata);
            latest.current.onExit?.(error, metadata);
          }
        : null,
    [hasExit, services.store, latest],
  );
  const onDone = useMemo(() => (hasDone ? () => latest.current.onDone?.() : null), [hasDone, latest]);

  if (session.isPending || messages.isPending) return <Loading />;
  if (session.isError || !data)
    return (
      <SessionError
        error={session.error}
        t={t}
        headingLevel={headingLevel}
        onRetry={() => void session.refetch()}
      />
    );
  const ctx: FlowContextValue = {
    client: services.client,
    store: services.store,
    session: data,
    t,
    locale,
    emit,
    exit,
    admin: handoff !== null,
    rootRef,
    headingLevel,
  };
  return (
    <FlowContext.Provider value={ctx}>
      <div lang={locale}>
        <FlowView onDone={onDone} />
      </div>
    </FlowContext.Provider>
  );
}

function SessionError(props: {
  error: unknown;
  t: Translate;
  headingLevel: HeadingLevel;
  onRetry: () => void;
}) {
  const { t } = props;
  const Heading = `h${props.headingLevel}` as const;
  const expired = props.error instanceof FlangeApiError && props.error.status === 401;
  return (
    <div className="fl-shell">
      <div className="fl-alert" role="alert">
        <Heading className="fl-h">{expired ? t('fatal.heading') : t('load.failed')}</Heading>
        {expired ? (
          <p>{t('fatal.bodyNoHost')}</p>
        ) : (
          <div>
            <button type="button" className="fl-btn" onClick={props.onRetry}>
              {t('load.retry')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
