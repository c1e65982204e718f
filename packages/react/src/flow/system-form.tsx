import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SystemDetail } from '@flange/protocol';
import { systemQuery } from '../queries';
import { sourceLang } from '../i18n/localize';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { GuidePanel, guideStepId } from './guide-panel';
import { MethodForm, isUrlField } from './method-form';
import { SandboxPanel } from './sandbox-panel';
import { LoadError, Loading } from './status-views';
import { useFocusOnMount } from './use-focus';

/** The system's form: loads its detail, then renders the chosen auth method. */
export function SystemFormView() {
  const { client } = useFlowContext();
  const snap = useFlowSnapshot();
  const systemId = snap.systemId ?? '';
  const detail = useQuery({ ...systemQuery(client, systemId), enabled: systemId !== '' });
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <LoadError onRetry={() => void detail.refetch()} />;
  return <SystemForm detail={detail.data} />;
}

function SystemForm({ detail }: { detail: SystemDetail }) {
  const { store, t, session, locale, admin, rootRef } = useFlowContext();
  const { Step } = useHeadings();
  const snap = useFlowSnapshot();
  const method = detail.auth_methods.find((m) => m.id === snap.authMethod) ?? detail.auth_methods[0];
  const [highlight, setHighlight] = useState<string | null>(null);
  const methodsId = useId();
  const headingRef = useFocusOnMount<HTMLHeadingElement>(snap.focusField === null);
  const lang = sourceLang(locale);

  useEffect(() => {
    if (method && snap.authMethod !== method.id) store.setAuthMethod(method.id);
  }, [method, snap.authMethod, store]);

  // Reconnect: the instance is known; it is prefilled so only credentials are asked.
  const reconnect = session.reconnect?.system_id === detail.id ? session.reconnect : null;
  const urlField = method?.fields.find(isUrlField);
  const reconnectUrl = reconnect?.instance_url ?? null;
  useEffect(() => {
    if (!reconnectUrl || !urlField || store.getSnapshot().values[urlField.key]) return;
    store.setValue(urlField.key, reconnectUrl, true);
  }, [reconnectUrl, urlField, store]);

  if (!method) return <p role="alert">{t('load.failed')}</p>;

  const showHelp = (anchor: string) => {
    setHighlight(anchor);
    const el = rootRef.current?.querySelector<HTMLElement>(`#${CSS.escape(guideStepId(anchor))}`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  };
  const sender = session.end_user.name ?? t('handoff.someone');

  return (
    <div className="fl-columns">
      <section className="fl-stack" aria-labelledby={`${methodsId}-h`}>
        {!reconnect && !admin && (
          <div className="fl-row">
            <button type="button" className="fl-link" onClick={() => store.backToCatalog()}>
              ← {t('header.back')}
            </button>
          </div>
        )}
        <Step className="fl-h" id={`${methodsId}-h`} ref={headingRef} tabIndex={-1}>
          {t(reconnect ? 'form.reconnectHeading' : 'form.heading', { system: detail.name })}
        </Step>
        {admin && (
          <p className="fl-note">
            {t('handoff.adminIntro', { name: sender, system: detail.name, host: session.host.name })}
          </p>
        )}
        {reconnect && <p className="fl-muted">{t('form.reconnectIntro')}</p>}
        {method.description && (
          <p className="fl-muted" lang={lang}>
            {method.description}
          </p>
        )}
        {detail.auth_methods.length > 1 && (
          <fieldset className="fl-methods">
            <legend>{t('form.method')}</legend>
            {detail.auth_methods.map((m) => (
              <label key={m.id} className="fl-method">
                <input
                  type="radio"
                  name={methodsId}
                  value={m.id}
                  checked={m.id === method.id}
                  onChange={() => store.setAuthMethod(m.id)}
                />
                <span lang={lang}>{m.label}</span>
              </label>
            ))}
          </fieldset>
        )}
        <MethodForm
          key={method.id}
          detail={detail}
          method={method}
          onHelp={showHelp}
          reconnectUrl={reconnectUrl}
        />
      </section>
      <div className="fl-stack">
        {session.environment === 'test' && detail.sandbox && (
          <SandboxPanel
            sandbox={detail.sandbox}
            method={method}
            onFill={(v, keys) => store.setValues(v, keys)}
          />
        )}
        {method.guide && <GuidePanel guide={method.guide} highlight={highlight} />}
      </div>
    </div>
  );
}
