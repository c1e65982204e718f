import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { systemQuery } from '../queries';
import { errorText, sourceLang } from '../i18n/localize';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { StepList, mergeSteps } from './step-list';
import { useFocusOnMount } from './use-focus';

/** A failed attempt: what happened, at which step, what to do; values are kept for "try again". */
export function FailureView() {
  const { client, store, t, locale, admin, session } = useFlowContext();
  const { Step, Sub } = useHeadings();
  const snap = useFlowSnapshot();
  const [keepSecrets, setKeepSecrets] = useState(false);
  const detail = useQuery({ ...systemQuery(client, snap.systemId ?? ''), enabled: snap.systemId !== null });
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const ids = { h: useId(), keep: useId() };
  const error = snap.error;
  if (!error) return null;
  const cert = error.code === 'TLS_UNTRUSTED' ? error.certificate : undefined;
  const steps = snap.steps.length > 0 ? mergeSteps(detail.data?.steps ?? [], snap.steps) : [];
  const lang = sourceLang(locale);

  return (
    <section className="fl-stack" aria-labelledby={ids.h}>
      <Step className="fl-h" id={ids.h} ref={headingRef} tabIndex={-1}>
        {t('failure.heading')}
      </Step>
      <div className="fl-alert" data-error-code={error.code}>
        <p>{errorText(error, t, locale)}</p>
        {error.step && <p className="fl-muted">{t('failure.atStep', { step: t(`step.${error.step}`) })}</p>}
        {error.upstream_code && (
          <p className="fl-muted">{t('failure.upstreamCode', { code: error.upstream_code })}</p>
        )}
        {error.possible_causes && error.possible_causes.length > 0 && (
          <>
            <Sub className="fl-h-sub">{t('failure.causes')}</Sub>
            <ul lang={lang}>
              {error.possible_causes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {error.guidance && (
        <section className="fl-panel" aria-label={error.guidance.title} lang={lang}>
          <Sub className="fl-h-sub">{error.guidance.title}</Sub>
          <ol>
            {error.guidance.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {error.guidance.doc_url && (
            <a href={error.guidance.doc_url} target="_blank" rel="noopener noreferrer" lang={locale}>
              {t('guide.docs')}
            </a>
          )}
        </section>
      )}
      {cert && (
        <section className="fl-panel" aria-label={t('failure.certHeading')}>
          <Sub className="fl-h-sub">{t('failure.certHeading')}</Sub>
          <dl className="fl-cert">
            <dt>{t('failure.certFingerprint')}</dt>
            <dd data-fingerprint>{cert.sha256}</dd>
            <dt>{t('failure.certSubject')}</dt>
            <dd>{cert.subject}</dd>
            <dt>{t('failure.certIssuer')}</dt>
            <dd>{cert.issuer}</dd>
          </dl>
          <p className="fl-muted">{t('failure.certValid', { from: cert.valid_from, to: cert.valid_to })}</p>
          <p className="fl-muted">{t('failure.certExplain')}</p>
          <div>
            <button
              type="button"
              className="fl-btn fl-primary"
              onClick={() => void store.trustCertificate(cert.sha256)}
            >
              {t('failure.trust')}
            </button>
          </div>
        </section>
      )}
      {steps.length > 0 && <StepList steps={steps} t={t} />}
      <label className="fl-check" htmlFor={ids.keep}>
        <input
          id={ids.keep}
          type="checkbox"
          checked={keepSecrets}
          onChange={(e) => setKeepSecrets(e.target.checked)}
        />
        {t('failure.keepSecrets')}
      </label>
      <div className="fl-row">
        <button
          type="button"
          className={cert ? 'fl-btn' : 'fl-btn fl-primary'}
          onClick={() => store.tryAgain({ keepSecrets })}
        >
          {t('failure.tryAgain')}
        </button>
        {error.retryable && (
          <button type="button" className="fl-btn" onClick={() => void store.retryNow()}>
            {t('failure.retryNow')}
          </button>
        )}
        {!admin && (
          <button type="button" className="fl-btn" onClick={() => void store.startHandoff()}>
            {t('form.noCredentials')}
          </button>
        )}
        {!admin && !session.reconnect && (
          <button type="button" className="fl-btn" onClick={() => store.backToCatalog()}>
            {t('failure.other')}
          </button>
        )}
      </div>
    </section>
  );
}
