import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { errorText } from '../i18n/localize';
import { useFocusOnMount } from './use-focus';

/** "Can't find your system?": ask for one; the host hears of it by webhook (system.requested). */
export function RequestView() {
  const { store, t, session, locale, rootRef } = useFlowContext();
  const { Step } = useHeadings();
  const snap = useFlowSnapshot();
  const [name, setName] = useState(snap.request?.name ?? '');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const ids = { h: useId(), name: useId(), note: useId(), err: useId() };
  const nameError = touched && name.trim() === '' ? t('request.nameRequired') : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (name.trim() === '') return rootRef.current?.querySelector<HTMLElement>(`[id="${ids.name}"]`)?.focus();
    void store.submitRequest(name.trim(), note.trim() || undefined);
  };

  return (
    <section className="fl-stack" aria-labelledby={ids.h}>
      <div>
        <button type="button" className="fl-link" onClick={() => store.backToCatalog()}>
          ← {t('request.back')}
        </button>
      </div>
      <Step className="fl-h" id={ids.h} ref={headingRef} tabIndex={-1}>
        {t('request.heading')}
      </Step>
      <p className="fl-muted">{t('request.body', { host: session.host.name })}</p>
      <form className="fl-stack" noValidate onSubmit={onSubmit}>
        <div className="fl-field">
          <label className="fl-label" htmlFor={ids.name}>
            {t('request.name')}
          </label>
          <input
            id={ids.name}
            className="fl-input"
            value={name}
            maxLength={200}
            aria-invalid={nameError !== undefined}
            aria-describedby={nameError ? ids.err : undefined}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => setTouched(true)}
          />
          {nameError && (
            <span id={ids.err} className="fl-error-text">
              {nameError}
            </span>
          )}
        </div>
        <div className="fl-field">
          <label className="fl-label" htmlFor={ids.note}>
            {t('request.note')}
          </label>
          <textarea
            id={ids.note}
            className="fl-input"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {snap.error && (
          <p className="fl-error-text" role="alert">
            {errorText(snap.error, t, locale)}
          </p>
        )}
        <div>
          <button type="submit" className="fl-btn fl-primary" disabled={snap.submitting}>
            {t('request.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Confirmation after a system request. */
export function RequestedView() {
  const { store, t, session } = useFlowContext();
  const { Step } = useHeadings();
  const snap = useFlowSnapshot();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="fl-stack" aria-labelledby="fl-requested-h">
      <Step className="fl-h" id="fl-requested-h" ref={headingRef} tabIndex={-1}>
        {t('request.sent')}
      </Step>
      <p>{t('request.sentBody', { host: session.host.name, name: snap.request?.name ?? '' })}</p>
      <div>
        <button type="button" className="fl-btn" onClick={() => store.backToCatalog()}>
          {t('request.back')}
        </button>
      </div>
    </section>
  );
}
