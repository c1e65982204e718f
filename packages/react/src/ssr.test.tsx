// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { FlangeConnect, useFlangeConnect } from './index';
import { FLOW_CSS } from './style/flow-css';

describe('server rendering', () => {
  it('imports and renders without a window', () => {
    function Host() {
      const { ready } = useFlangeConnect({
        sessionToken: 'fls_x',
        connectUrl: 'https://c.flange.test/connect',
      });
      return <p>{ready ? 'ready' : 'not ready'}</p>;
    }
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <>
        <Host />
        <FlangeConnect sessionToken="fls_x" apiBaseUrl="https://api.flange.test" className="box" />
        <FlangeConnect sessionToken="fls_x" apiBaseUrl="https://api.flange.test" isolation="scoped" />
      </>,
    );
    expect(html).toContain('not ready');
    // Shadow isolation: the server renders the empty host; the shadow root is attached in the browser.
    expect(html).toContain('<div class="box" data-flange-host=""></div>');
    // Scoped: the root and a loading line, nothing that needs the DOM.
    expect(html).toContain('class="flange-root"');
  });
});

describe('stylesheet scoping', () => {
  it('scopes every rule under .flange-root so nothing leaks into the host page', () => {
    const selectors: string[] = [];
    const css = FLOW_CSS.replace(/@keyframes[^{]+\{(?:[^{}]*\{[^}]*\})*\s*\}/g, '');
    // Split selector lists on top-level commas only (not those inside :where(…)).
    const split = (list: string) => list.split(/,(?![^(]*\))/).map((s) => s.trim());
    for (const m of css.matchAll(/([^{}@]+)\{[^{}]*\}/g)) selectors.push(...split(m[1]!));
    expect(selectors.length).toBeGreaterThan(50);
    // `:host` only ever matches the widget's own shadow host.
    const leaking = selectors.filter((s) => s && !s.startsWith('.flange-root') && s !== ':host');
    expect(leaking).toEqual([]);
  });
});
