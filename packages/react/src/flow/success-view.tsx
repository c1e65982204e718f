import { useId } from 'react';
import { sourceLang } from '../i18n/localize';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { useFocusOnMount } from './use-focus';

/** What is connected, as whom, and which data we could read. */
export function SuccessView({ onDone }: { onDone: (() => void) | null }) {
  const { t, admin, session, locale } = useFlowContext();
  const { Step, Sub } = useHeadings();
  const snap = useFlowSnapshot();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const headingId = useId();
  const connection = snap.result?.connection;
  if (!connection) return null;
  const who = connection.account.display_name ?? connection.account.user;
  const whoDetail =
    connection.account.display_name && connection.account.user ? ` (${connection.account.user})` : '';

  return (
    <section className="fl-stack" aria-labelledby={headingId}>
      <div className="fl-success-mark" aria-hidden="true">
        ✓
      </div>
      <Step className="fl-h" id={headingId} ref={headingRef} tabIndex={-1}>
        {t('success.heading')}
      </Step>
      <p>
        {snap.successVia === 'handoff'
          ? t('success.viaHandoff', { system: connection.system.name })
          : t('success.body', { system: connection.system.name })}
      </p>
      {admin && (
        <p className="fl-note">
          {t('success.adminDone', {
            name: session.end_user.name ?? t('handoff.someone'),
            host: session.host.name,
          })}
        </p>
      )}
      <dl className="fl-summary">
        {connection.instance_url && (
          <>
            <dt>{t('success.instance')}</dt>
            <dd>{connection.instance_url}</dd>
          </>
        )}
        {who && (
          <>
            <dt>{t('success.as')}</dt>
            <dd>
              {who}
              {whoDetail}
            </dd>
          </>
        )}
        {(connection.account.tenant ?? connection.account.company) && (
          <>
            <dt>{t('success.tenant')}</dt>
            <dd>{connection.account.tenant ?? connection.account.company}</dd>
          </>
        )}
      </dl>
      {connection.entities_verified.length > 0 && (
        <>
          <Sub className="fl-h-sub">{t('success.entities')}</Sub>
          <ul className="fl-stack" aria-label={t('success.entities')}>
            {connection.entities_verified.map((e) => (
              <li key={e.id} className="fl-check">
                {/* The connector's names for its entities are English. */}
                <span aria-hidden="true">✓</span> <span lang={sourceLang(locale)}>{e.label}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {onDone && (
        <div>
          <button type="button" className="fl-btn fl-primary" onClick={onDone}>
            {t('success.done')}
          </button>
        </div>
      )}
    </section>
  );
}
