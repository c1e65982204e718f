import { Suspense, lazy, useEffect, useId } from 'react';
import type { ComponentType } from 'react';
import type { FlowScreen } from '@flange/connect';
import type { MessageKey } from '@flange/protocol/i18n/en';
import { completeEnglish } from '../i18n/translate';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
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
  const titleId = useId();
  const Screen = SCREENS[snap.screen];
  // A region named by the title, not a main or a top-level heading: inline, the widget is one part of
  // the host's page, inside the host's own main landmark and heading outline.
  return (
    <section className="fl-shell" aria-labelledby={titleId}>
      <div className="fl-header">
        {session.host.logo_url && <img src={session.host.logo_url} alt="" />}
        <div className="fl-header-text">
          <p className="fl-title" id={titleId}>
            {t('header.title')}
          </p>
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
        <Suspense fallback={<Loading />}>
          <Screen onDone={onDone} />
        </Suspense>
      </div>
    </section>
  );
}

type ScreenProps = { onDone: (() => void) | null };
const SCREENS: Record<FlowScreen, ComponentType<ScreenProps>> = {
  catalog: CatalogView,
  form: lazyScreen((m) => m.SystemFormView),
  handoff: lazyScreen((m) => m.HandoffView),
  validating: lazyScreen((m) => m.ValidatingView),
  failed: lazyScreen((m) => m.FailureView),
  success: lazyScreen((m) => m.SuccessView),
  request: lazyScreen((m) => m.RequestView),
  requested: lazyScreen((m) => m.RequestedView),
  fatal: FatalView,
};

/** The session cannot continue (expired or revoked). */
export function FatalView() {
  const { t, session, exit } = useFlowContext();
  const { Step } = useHeadings();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="fl-stack" aria-labelledby="fl-fatal-h">
      <Step className="fl-h" id="fl-fatal-h" ref={headingRef} tabIndex={-1}>
        {t('fatal.heading')}
      </Step>
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
