import { Suspense, lazy, useEffect } from 'react';
import type { ComponentType } from 'react';
import type { FlowScreen } from '@flange/connect';
import type { MessageKey } from '../i18n/en';
import { completeEnglish } from '../i18n/translate';
import { useFlowContext, useFlowSnapshot } from './flow-context';
import { CatalogView } from './catalog-view';
import { Loading } from './status-views';
import { useFocusOnMount } from './use-focus';

type Screens = typeof import('./screens');
let screensModule: Promise<Screens> | null = null;
/** The chunk of every screen after the catalog, fetched once. */
export const loadScreens = (): Promise<Screens> =>
  (screensModule ??= Promise.all([import('./screens'), completeEnglish()]).then(
    ([m]) => m,
    (error: unknown) => {
      screensModule = null;
      throw error;
    },
  ));
const lazyScreen = <P extends object>(pick: (m: Screens) => ComponentType<P>) =>
  lazy(() => loadScreens().then((m) => ({ default: pick(m) })));
const SystemFormView = lazyScreen((m) => m.SystemFormView);
const HandoffView = lazyScreen((m) => m.HandoffView);
const ValidatingView = lazyScreen((m) => m.ValidatingView);
const FailureView = lazyScreen((m) => m.FailureView);
const SuccessView = lazyScreen((m) => m.SuccessView);
const RequestView = lazyScreen((m) => m.RequestView);
const RequestedView = lazyScreen((m) => m.RequestedView);

const PHASE: Record<FlowScreen, MessageKey | null> = {
  catalog: 'progress.choose',
  request: 'progress.choose',
  requested: 'progress.choose',
  form: 'progress.details',
  handoff: 'progress.details',
  validating: 'progress.check',
  failed: 'progress.check',
  success: 'progress.done',
  fatal: null,
};

/** The whole flow: header, where the user is, then the view for the current screen. */
export function FlowView({ onDone }: { onDone: (() => void) | null }) {
  const { t, session, exit, admin } = useFlowContext();
  const snap = useFlowSnapshot();
  const close = snap.screen === 'success' ? onDone : exit;
  // Reconnect and hand-off pages start on the form: the catalog is not one of their steps.
  const phases: MessageKey[] =
    session.reconnect || admin
      ? ['progress.details', 'progress.check', 'progress.done']
      : ['progress.choose', 'progress.details', 'progress.check', 'progress.done'];
  const phase = PHASE[snap.screen];
  // While the user looks at the catalog, the next screens arrive in the background.
  useEffect(() => {
    const timer = setTimeout(() => void loadScreens().catch(() => undefined), 200);
    return () => clearTimeout(timer);
  }, []);
  const n = phase ? phases.indexOf(phase) + 1 : 0;
  return (
    <div className="fl-shell">
      <div className="fl-header">
        {session.host.logo_url && <img src={session.host.logo_url} alt="" />}
        <div className="fl-header-text">
          <p className="fl-title">{t('header.title')}</p>
          <p className="fl-muted">{t('header.by', { host: session.host.name })}</p>
        </div>
        {close && (
          <button type="button" className="fl-icon-btn" aria-label={t('header.close')} onClick={close}>
            ×
          </button>
        )}
      </div>
      {phase && n > 0 && (
        <div className="fl-progress">
          <p className="fl-muted">{t('progress.step', { n, total: phases.length, name: t(phase) })}</p>
          <div className="fl-progress-bar" aria-hidden="true">
            {phases.map((p, i) => (
              <span key={p} data-done={i < n} />
            ))}
          </div>
        </div>
      )}
      {/* No landmarks here: the host page owns its banner and main. */}
      <div className="fl-main">
        <Suspense fallback={<Loading />}>{renderScreen(snap.screen, onDone)}</Suspense>
      </div>
    </div>
  );
}

function renderScreen(screen: FlowScreen, onDone: (() => void) | null) {
  switch (screen) {
    case 'catalog':
      return <CatalogView />;
    case 'form':
      return <SystemFormView />;
    case 'handoff':
      return <HandoffView />;
    case 'validating':
      return <ValidatingView />;
    case 'failed':
      return <FailureView />;
    case 'success':
      return <SuccessView onDone={onDone} />;
    case 'request':
      return <RequestView />;
    case 'requested':
      return <RequestedView />;
    case 'fatal':
      return <FatalView />;
  }
}

/** The session cannot continue (expired or revoked). */
export function FatalView() {
  const { t, session, exit } = useFlowContext();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="fl-stack" aria-labelledby="fl-fatal-h">
      <h2 id="fl-fatal-h" ref={headingRef} tabIndex={-1}>
        {t('fatal.heading')}
      </h2>
      <p>{t('fatal.body', { host: session.host.name })}</p>
      {exit && (
        <div>
          <button type="button" className="fl-btn" onClick={exit}>
            {t('header.close')}
          </button>
        </div>
      )}
    </section>
  );
}
