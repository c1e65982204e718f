import { useId } from 'react';
import type { Guide } from '@flange/protocol';
import { sourceLang } from '../i18n/localize';
import { useFlowContext, useHeadings } from './flow-context';

/** The DOM id of a guide step with an anchor, the target of a field's help link. */
export const guideStepId = (anchor: string) => `fl-guide-${anchor}`;

/** The auth method's step-by-step guide, shown beside the form. */
export function GuidePanel({ guide, highlight }: { guide: Guide; highlight: string | null }) {
  const { t, locale } = useFlowContext();
  const { Sub } = useHeadings();
  const titleId = useId();
  return (
    <aside className="fl-panel" aria-labelledby={titleId} lang={sourceLang(locale)}>
      <Sub className="fl-h-sub" id={titleId}>
        {guide.title || t('guide.heading')}
      </Sub>
      <ol>
        {guide.steps.map((step, i) => (
          <li
            key={i}
            id={step.anchor ? guideStepId(step.anchor) : undefined}
            tabIndex={step.anchor ? -1 : undefined}
            data-highlight={step.anchor !== undefined && step.anchor === highlight}
          >
            {step.text}
          </li>
        ))}
      </ol>
      {guide.doc_url && (
        <a href={guide.doc_url} target="_blank" rel="noopener noreferrer" lang={locale}>
          {t('guide.docs')}
        </a>
      )}
    </aside>
  );
}
