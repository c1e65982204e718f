import type { StepProgress } from '@flange/connect';
import type { StepId } from '@flange/protocol';
import type { Translate } from '../i18n/translate';

const ICON: Record<StepProgress['status'], string> = {
  pending: '',
  running: '',
  succeeded: '✓',
  failed: '!',
  skipped: '–',
};

/** The planned steps merged with what the server reported so far, in pipeline order. */
export function mergeSteps(planned: readonly StepId[], reported: readonly StepProgress[]): StepProgress[] {
  const out: StepProgress[] = planned.map(
    (step) => reported.find((r) => r.step === step) ?? { step, status: 'pending' },
  );
  for (const r of reported) if (!planned.includes(r.step)) out.push(r);
  return out;
}

/** A step's time, as people read it. */
export function formatDuration(ms: number, t: Translate): string {
  return ms < 1000
    ? t('steps.ms', { value: Math.round(ms) })
    : t('steps.seconds', { value: (ms / 1000).toFixed(1) });
}

/** The validation checklist: each step with its status, timing and safe detail. */
export function StepList({ steps, t }: { steps: readonly StepProgress[]; t: Translate }) {
  return (
    <ol className="fl-steps" role="list" aria-label={t('steps.list')}>
      {steps.map((s) => (
        <li key={s.step} className="fl-step" data-status={s.status} data-step={s.step}>
          <span className="fl-step-icon" aria-hidden="true">
            {ICON[s.status]}
          </span>
          <span className="fl-step-label">
            {t(`step.${s.step}`)}
            <span className="fl-sr">, {t(`steps.${s.status}`)}</span>
            {s.detail && (
              <>
                <br />
                <span className="fl-muted">{s.detail}</span>
              </>
            )}
          </span>
          {s.duration_ms !== undefined && (
            <span className="fl-step-meta">{formatDuration(s.duration_ms, t)}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
