import { useState } from 'react';
import type { FieldSpec } from '@flange/protocol';
import type { Translate } from '../i18n/translate';

export interface FieldInputProps {
  field: FieldSpec;
  id: string;
  value: string;
  error: string | undefined;
  /** Ids of the hint and error texts, for aria-describedby. */
  describedBy: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
  t: Translate;
}

/** One input generated from a field spec: text, URL, secret (with show/hide), select, textarea, file, OTP. */
export function FieldInput(p: FieldInputProps) {
  const [reveal, setReveal] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const { field } = p;
  const common = {
    id: p.id,
    name: field.key,
    className: 'fl-input',
    'aria-invalid': p.error !== undefined,
    'aria-describedby': p.describedBy,
    'aria-required': field.required,
    'data-field': field.key,
    onBlur: p.onBlur,
  } as const;

  switch (field.kind) {
    case 'select':
      return (
        <select {...common} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
          {(!field.required || field.default_value === undefined) && <option value="">—</option>}
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'textarea':
      return (
        <textarea
          {...common}
          value={p.value}
          placeholder={field.placeholder}
          spellCheck={false}
          onChange={(e) => p.onChange(e.target.value)}
        />
      );
    case 'file':
      return (
        <>
          <input
            {...common}
            type="file"
            accept={field.accept}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              void file.text().then(p.onChange);
            }}
          />
          {fileName && <span className="fl-hint">{p.t('form.fileChosen', { name: fileName })}</span>}
        </>
      );
    case 'secret':
      return (
        <div className="fl-input-row">
          <input
            {...common}
            type={reveal ? 'text' : 'password'}
            value={p.value}
            placeholder={field.placeholder}
            autoComplete={field.autocomplete ?? 'off'}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(e) => p.onChange(e.target.value)}
          />
          <button
            type="button"
            className="fl-btn"
            aria-pressed={reveal}
            aria-controls={p.id}
            aria-label={`${reveal ? p.t('form.hide') : p.t('form.show')} ${field.label}`}
            onClick={() => setReveal(!reveal)}
          >
            {reveal ? p.t('form.hide') : p.t('form.show')}
          </button>
        </div>
      );
    default:
      return (
        <input
          {...common}
          type="text"
          inputMode={field.kind === 'url' ? 'url' : field.kind === 'otp' ? 'numeric' : undefined}
          autoComplete={field.autocomplete ?? (field.kind === 'otp' ? 'one-time-code' : 'off')}
          spellCheck={false}
          autoCapitalize="off"
          value={p.value}
          placeholder={field.placeholder}
          onChange={(e) => p.onChange(e.target.value)}
        />
      );
  }
}
