import { useInsertionEffect } from 'react';
import { FLOW_CSS } from './flow-css';

const STYLE_ID = 'flange-connect-styles';

/**
 * Put the widget stylesheet in the document once (shared by every instance). A host with a strict
 * CSP passes its nonce; without one the <style> needs 'unsafe-inline' or a hash in style-src.
 */
export function useFlowStyles(nonce: string | undefined, enabled = true): void {
  useInsertionEffect(() => {
    if (!enabled || typeof document === 'undefined' || document.getElementById(STYLE_ID)) return;
    const el = document.createElement('style');
    el.id = STYLE_ID;
    if (nonce) el.nonce = nonce;
    el.textContent = FLOW_CSS;
    document.head.append(el);
  }, [nonce, enabled]);
}
