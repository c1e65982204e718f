import { useQuery } from '@tanstack/react-query';
import { systemQuery } from '../queries';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { StepList, mergeSteps } from './step-list';
import { useFocusOnMount } from './use-focus';

/** The live checklist while an attempt runs, announced step by step. */
export function ValidatingView() {
  const { client, t } = useFlowContext();
  const { Step } = useHeadings();
  const snap = useFlowSnapshot();
  const detail = useQuery({ ...systemQuery(client, snap.systemId ?? ''), enabled: snap.systemId !== null });
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const steps = mergeSteps(detail.data?.steps ?? [], snap.steps);
  const announcement = useStepAnnouncement();

  return (
    <section className="fl-stack" aria-labelledby="fl-validating-h" aria-busy="true">
      <Step className="fl-h" id="fl-validating-h" ref={headingRef} tabIndex={-1}>
        {t('steps.heading')}
      </Step>
      {detail.data && <p className="fl-muted">{detail.data.name}</p>}
      <StepList steps={steps} t={t} />
      <p className="fl-sr" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** The latest step change as one sentence, for the aria-live region (the last reported step). */
export function useStepAnnouncement(): string {
  const { t } = useFlowContext();
  const last = useFlowSnapshot().steps.at(-1);
  return last ? t('steps.announce', { step: t(`step.${last.step}`), status: t(`steps.${last.status}`) }) : '';
}
