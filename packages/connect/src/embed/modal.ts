/** The modal shell around the hosted flow's iframe: overlay, dialog, focus trap, scroll lock. */
export interface ModalShell {
  root: HTMLElement;
  dialog: HTMLElement;
  /** Where the iframe goes. */
  body: HTMLElement;
  focusFirst(): void;
  /** The flow draws its own close button once loaded; the shell's is only the way out before that. */
  hideClose(): void;
  destroy(): void;
}

const Z_INDEX = '2147483000';

/** Inline styles through the CSSOM. */
export function css(el: HTMLElement, styles: Record<string, string>): void {
  // CSSOM writes, not a style attribute: allowed under a CSP without 'unsafe-inline'.
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v);
}

/** Build the modal and attach it to `parent`. `onDismiss` runs on Escape or the close button. */
export function createModal(
  doc: Document,
  parent: HTMLElement,
  label: string,
  onDismiss: () => void,
): ModalShell {
  const previousFocus = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const html = doc.documentElement;
  const previousOverflow = html.style.getPropertyValue('overflow');

  const root = doc.createElement('div');
  root.setAttribute('data-flange-modal', '');
  css(root, {
    position: 'fixed',
    inset: '0',
    'z-index': Z_INDEX,
    display: 'flex',
    'align-items': 'center',
    'justify-content': 'center',
    background: 'rgba(15, 23, 42, 0.55)',
  });

  const dialog = doc.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', label);
  css(dialog, {
    position: 'relative',
    width: 'min(480px, 100vw)',
    height: 'min(720px, 100dvh)',
    background: '#fff',
    'border-radius': '12px',
    overflow: 'hidden',
    'box-shadow': '0 20px 50px rgba(0,0,0,0.3)',
  });

  const close = doc.createElement('button');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  css(close, {
    position: 'absolute',
    top: '6px',
    right: '6px',
    width: '32px',
    height: '32px',
    border: '0',
    'border-radius': '16px',
    background: 'transparent',
    color: '#334155',
    'font-size': '22px',
    cursor: 'pointer',
    'z-index': '1',
  });
  close.addEventListener('click', onDismiss);

  const body = doc.createElement('div');
  css(body, { width: '100%', height: '100%' });

  // Sentinels keep Tab inside the dialog, including when focus leaves the iframe at either end.
  const sentinel = (): HTMLElement => {
    const s = doc.createElement('span');
    s.tabIndex = 0;
    s.setAttribute('data-flange-sentinel', '');
    css(s, { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', opacity: '0' });
    return s;
  };
  const start = sentinel();
  const end = sentinel();
  const focusables = (): HTMLElement[] =>
    [close, body.querySelector('iframe')].filter(
      (e): e is HTMLButtonElement | HTMLIFrameElement => e !== null,
    );
  start.addEventListener('focus', () => focusables().at(-1)?.focus());
  end.addEventListener('focus', () => focusables()[0]?.focus());

  dialog.append(close, body);
  root.append(start, dialog, end);

  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onDismiss();
    }
  };
  const onFocusIn = (e: FocusEvent): void => {
    if (e.target instanceof Node && !root.contains(e.target)) focusables()[0]?.focus();
  };
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('focusin', onFocusIn, true);
  // Lock the page behind without moving it (removing a fixed overlay must not jump the scroll).
  html.style.setProperty('overflow', 'hidden');
  parent.append(root);

  return {
    root,
    dialog,
    body,
    focusFirst: () => (body.querySelector('iframe') ?? close).focus(),
    hideClose: () => {
      close.hidden = true;
    },
    destroy: () => {
      doc.removeEventListener('keydown', onKey, true);
      doc.removeEventListener('focusin', onFocusIn, true);
      root.remove();
      if (previousOverflow) html.style.setProperty('overflow', previousOverflow);
      else html.style.removeProperty('overflow');
      if (previousFocus?.isConnected) previousFocus.focus({ preventScroll: true });
    },
  };
}
