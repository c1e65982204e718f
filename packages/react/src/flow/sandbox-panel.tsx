import { useId } from 'react';
import type { AuthMethod, SandboxHints } from '@flange/protocol';
import { sourceLang } from '../i18n/localize';
import { useFlowContext, useHeadings } from './flow-context';
import { isPersistable } from './method-form';

/**
 * Test-environment hints (the way Plaid shows user_good): the simulator's address and demo
 * credentials, filled in with one click, and scenario presets that fail on purpose.
 */
export function SandboxPanel(props: {
  sandbox: SandboxHints;
  method: AuthMethod;
  /** The values, and which of them are not secrets (they may survive a reload). */
  onFill: (values: Record<string, string>, persistKeys: string[]) => void;
}) {
  const { t, locale } = useFlowContext();
  const { Sub } = useHeadings();
  const titleId = useId();
  const urlField = props.method.fields.find((f) => f.kind === 'url' || f.format === 'url');
  const base: Record<string, string> = urlField ? { [urlField.key]: props.sandbox.instance_url } : {};
  const credentials = props.sandbox.credentials[props.method.id] ?? {};
  const known = new Set(props.method.fields.map((f) => f.key));
  const pick = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).filter(([k]) => known.has(k)));
  // A scenario made for another sign-in method would fill nothing here.
  const scenarios = (props.sandbox.scenarios ?? []).filter(
    (s) => s.values['auth_method'] === undefined || s.values['auth_method'] === props.method.id,
  );
  const keep = props.method.fields.filter(isPersistable).map((f) => f.key);
  const labelOf = (key: string) => props.method.fields.find((f) => f.key === key)?.label ?? key;

  return (
    <section className="fl-panel fl-sandbox" aria-labelledby={titleId}>
      <Sub className="fl-h-sub" id={titleId}>
        {t('sandbox.heading')}
      </Sub>
      <p className="fl-muted" lang={sourceLang(locale)}>
        {props.sandbox.note}
      </p>
      <dl className="fl-summary">
        {[
          ...(urlField ? [[urlField.key, props.sandbox.instance_url] as const] : []),
          ...Object.entries(pick(credentials)).filter(([k]) => k !== urlField?.key),
        ].map(([k, v]) => (
          <div key={k} className="fl-pair">
            <dt>{labelOf(k)}</dt>
            <dd>
              <code>{v}</code>
            </dd>
          </div>
        ))}
      </dl>
      <div>
        <button
          type="button"
          className="fl-btn"
          onClick={() => props.onFill({ ...base, ...pick(credentials) }, keep)}
        >
          {t('sandbox.use')}
        </button>
      </div>
      {scenarios.length > 0 && (
        <div className="fl-stack">
          <p className="fl-muted">{t('sandbox.scenarios')}</p>
          <div className="fl-chips">
            {scenarios.map((s) => (
              <button
                key={s.label}
                type="button"
                className="fl-chip"
                onClick={() => props.onFill({ ...base, ...pick(credentials), ...pick(s.values) }, keep)}
              >
                {s.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
