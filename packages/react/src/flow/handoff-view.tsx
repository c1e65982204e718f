import { useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { systemQuery } from '../queries';
import { errorText } from '../i18n/localize';
import type { MessageKey } from '@flange/protocol/i18n/en';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { useFocusOnMount } from './use-focus';

/**
 * "I don't have these credentials": a one-time link for the IT admin, to copy or email, and the
 * admin's progress as it happens. The link is shown once and lives in memory only; the host is told
 * of the admin's success through this widget's usual onSuccess.
 */
export function HandoffView() {
  const { client, store, t, locale, session } = useFlowContext();
  const { Step } = useHeadings();
  const snap = useFlowSnapshot();
  const detail = useQuery({ ...systemQuery(client, snap.systemId ?? ''), enabled: snap.systemId !== null });
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const linkRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const ids = { h: useId(), link: useId(), expires: useId() };
  const handoff = snap.handoff;
  const system = detail.data?.name ?? '';
  const time = handoff?.expiresAt
    ? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(
        new Date(handoff.expiresAt),
      )
    : '';

  const copy = async () => {
    const url = handoff?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission (an iframe without clipboard-write): select it for Ctrl+C instead.
      linkRef.current?.select();
      return;
    }
    setCopied(true);
  };

  const statusKey: MessageKey | null =
    handoff === null || handoff.status === 'creating'
      ? 'handoff.creating'
      : handoff.status === 'failed'
        ? null
        : handoff.status === 'expired'
          ? 'handoff.expired'
          : handoff.adminAttempt === 'running'
            ? 'handoff.adminRunning'
            : handoff.adminAttempt === 'failed'
              ? 'handoff.adminFailed'
              : handoff.status === 'opened'
                ? 'handoff.opened'
                : 'handoff.waiting';
  const mail = handoff?.url
    ? `mailto:?subject=${encodeURIComponent(t('handoff.emailSubject', { system, host: session.host.name }))}&body=${encodeURIComponent(
        t('handoff.emailBody', {
          host: session.host.name,
          system,
          time,
          url: handoff.url,
          name: session.end_user.name ?? '',
        }),
      )}`
    : null;

  return (
    <section className="fl-stack" aria-labelledby={ids.h}>
      <Step className="fl-h" id={ids.h} ref={headingRef} tabIndex={-1}>
        {t('handoff.heading')}
      </Step>
      <p>{t('handoff.body', { system: system || t('catalog.results'), host: session.host.name })}</p>
      {handoff?.status === 'failed' && (
        <p className="fl-error-text" role="alert">
          {t('handoff.failed')} {handoff.error ? errorText(handoff.error, t, locale) : ''}
        </p>
      )}
      {handoff?.url && handoff.status !== 'expired' && (
        <div className="fl-field">
          <label className="fl-label" htmlFor={ids.link}>
            {t('handoff.linkLabel')}
          </label>
          <div className="fl-input-row">
            <input
              ref={linkRef}
              id={ids.link}
              className="fl-input fl-code"
              readOnly
              value={handoff.url}
              aria-describedby={ids.expires}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="fl-btn fl-primary" onClick={() => void copy()}>
              {t('handoff.copy')}
            </button>
          </div>
          <span id={ids.expires} className="fl-hint">
            {t('handoff.expires', { time })}
          </span>
          {mail && (
            <div>
              <a className="fl-btn" href={mail} target="_blank" rel="noopener noreferrer">
                {t('handoff.email')}
              </a>
            </div>
          )}
        </div>
      )}
      {handoff && handoff.url === null && handoff.status !== 'creating' && handoff.status !== 'failed' && (
        <p className="fl-muted">{t('handoff.lostLink')}</p>
      )}
      <p className="fl-status" role="status" data-handoff-status={handoff?.status ?? 'none'}>
        {copied && <span>{t('handoff.copied')} </span>}
        {statusKey && <span>{t(statusKey)}</span>}
      </p>
      {handoff && handoff.status !== 'failed' && handoff.status !== 'expired' && (
        <p className="fl-muted">{t('handoff.keepOpen')}</p>
      )}
      <div className="fl-row">
        {(handoff?.url === null || handoff?.status === 'failed' || handoff?.status === 'expired') && (
          <button type="button" className="fl-btn fl-primary" onClick={() => void store.startHandoff()}>
            {t('handoff.newLink')}
          </button>
        )}
        <button type="button" className="fl-btn" onClick={() => store.closeHandoff()}>
          {t('handoff.back')}
        </button>
      </div>
    </section>
  );
}
