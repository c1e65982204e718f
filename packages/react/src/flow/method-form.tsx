import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { judgeField, normalizeInstanceUrl } from '@flange/protocol';
import type { AuthMethod, FieldSpec, SystemDetail } from '@flange/protocol';
import { fieldText, sourceLang } from '../i18n/localize';
import { useFlowContext, useFlowSnapshot } from './flow-context';
import { FieldInput } from './field-input';
import { UrlProbe } from './url-probe';

export const isUrlField = (f: FieldSpec) => f.kind === 'url' || f.format === 'url';
/** Values that may survive a reload and travel in a hand-off link: never a credential. */
export const isPersistable = (f: FieldSpec) => isUrlField(f) || f.kind === 'select' || f.kind === 'text';
const isSecret = (f: FieldSpec) => !isPersistable(f);

/**
 * The fields of one auth method, generated from its spec and checked as the user types with the
 * shared rules (messages appear once a field was left, or after a submit). Nothing the browser can
 * judge is ever sent: a refused submit focuses the first faulty field instead.
 */
export function MethodForm(props: {
  detail: SystemDetail;
  method: AuthMethod;
  onHelp: (anchor: string) => void;
  reconnectUrl: string | null;
}) {
  const { store, t, locale, admin } = useFlowContext();
  const snap = useFlowSnapshot();
  const { fields } = props.method;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [editUrl, setEditUrl] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const baseId = useId();
  const anchors = new Set(props.method.guide?.steps.flatMap((s) => (s.anchor ? [s.anchor] : [])) ?? []);
  const lang = sourceLang(locale);

  const focusField = useCallback(
    (key: string) =>
      formRef.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`)?.focus(),
    [],
  );

  // After "try again" (or a server-side refusal) the field at fault gets focus; its message is under it.
  useEffect(() => {
    if (snap.focusField) focusField(snap.focusField);
  }, [snap.focusField, focusField]);

  const valueOf = (f: FieldSpec) => snap.values[f.key] ?? f.default_value ?? '';
  const messageFor = (f: FieldSpec): string | undefined => {
    const server = snap.fieldErrors[f.key];
    if (server) return locale === 'en' ? server.message : t('form.fieldRejected');
    if (!touched.has(f.key) && !submitted) return undefined;
    const r = judgeField(f, valueOf(f));
    return r.ok ? undefined : fieldText(f, r, t, locale);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    let first: FieldSpec | undefined;
    for (const f of fields) {
      const r = judgeField(f, valueOf(f));
      if (!r.ok) first ??= f;
      else if (r.value !== '') values[f.key] = r.value;
    }
    if (first) {
      const { key } = first;
      setSubmitted(true);
      if (isUrlField(first) && !editUrl && props.reconnectUrl) {
        // A collapsed reconnect address opens first, then takes focus.
        setEditUrl(true);
        requestAnimationFrame(() => focusField(key));
      } else focusField(key);
      return;
    }
    void store.submit({ values, secretKeys: fields.filter(isSecret).map((f) => f.key) });
  };

  return (
    <form ref={formRef} className="fl-stack" noValidate onSubmit={onSubmit}>
      {fields.map((f) => {
        const id = `${baseId}-${f.key}`;
        const message = messageFor(f);
        const value = valueOf(f);
        const normalized = isUrlField(f)
          ? normalizeInstanceUrl(value, { keepPath: f.keep_path === true })
          : null;
        if (normalized && props.reconnectUrl && !editUrl && !message && value === props.reconnectUrl) {
          return (
            <div key={f.key} className="fl-field">
              <span className="fl-label">{t('form.instance')}</span>
              <span className="fl-row">
                <code className="fl-code">{value}</code>
                <button
                  type="button"
                  className="fl-link"
                  onClick={() => {
                    setEditUrl(true);
                    requestAnimationFrame(() => focusField(f.key));
                  }}
                >
                  {t('form.changeInstance')}
                </button>
              </span>
            </div>
          );
        }
        const shownUrl = normalized?.ok && normalized.url !== value.trim() ? normalized.url : null;
        const describedBy =
          [f.help && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ') || undefined;
        return (
          <div key={f.key} className="fl-field">
            <label className="fl-label" htmlFor={id}>
              <span lang={lang}>{f.label}</span>
              {!f.required && <span className="fl-muted"> ({t('form.optional')})</span>}
            </label>
            {f.help && (
              <span id={`${id}-hint`} className="fl-hint" lang={lang}>
                {f.help}
              </span>
            )}
            <FieldInput
              field={f}
              id={id}
              value={value}
              error={message}
              describedBy={describedBy}
              onChange={(v) => store.setValue(f.key, v, isPersistable(f))}
              onBlur={() => setTouched((s) => (s.has(f.key) ? s : new Set(s).add(f.key)))}
              t={t}
            />
            {message && (
              <span id={`${id}-error`} className="fl-error-text">
                {message}
              </span>
            )}
            {shownUrl && !message && (
              <span className="fl-hint">{t('form.normalized', { url: shownUrl })}</span>
            )}
            {normalized && (
              <UrlProbe
                systemId={props.detail.id}
                systemName={props.detail.name}
                url={normalized.ok && !message ? normalized.url : null}
              />
            )}
            {normalized?.ok && props.reconnectUrl && normalized.url !== props.reconnectUrl && (
              <p className="fl-warning" role="status">
                {t('form.reconnectWarning', { url: props.reconnectUrl })}
              </p>
            )}
            {f.guide_anchor && anchors.has(f.guide_anchor) && (
              <div>
                <button type="button" className="fl-link" onClick={() => props.onHelp(f.guide_anchor ?? '')}>
                  {t('form.help')}
                </button>
              </div>
            )}
          </div>
        );
      })}
      <div className="fl-row">
        <button type="submit" className="fl-btn fl-primary" disabled={snap.submitting}>
          {snap.submitting ? t('form.submitting') : t('form.submit')}
        </button>
      </div>
      {!admin && (
        <div className="fl-handoff-offer">
          <button type="button" className="fl-link" onClick={() => void store.startHandoff()}>
            {t('form.noCredentials')}
          </button>
          <span className="fl-hint">{t('form.noCredentialsHint')}</span>
        </div>
      )}
    </form>
  );
}
