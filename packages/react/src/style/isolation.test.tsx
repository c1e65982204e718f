// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { renderFlow } from '../test/render';

/** The widget's shadow root, once the effect attached it and the flow rendered into it. */
async function shadowOf(container: HTMLElement): Promise<ShadowRoot> {
  const host = container.querySelector<HTMLElement>('[data-flange-host]');
  await waitFor(() => expect(host?.shadowRoot?.querySelector('.flange-root')).toBeTruthy());
  return host!.shadowRoot!;
}

describe('style isolation', () => {
  it('renders in a shadow root with its stylesheet (and nonce) inside, nothing in the page', async () => {
    const r = renderFlow({}, { isolation: 'shadow', cspNonce: 'n0nce', className: 'acme-box' });
    const shadow = await shadowOf(r.container);
    expect(r.container.querySelector('[data-flange-host]')?.className).toBe('acme-box');
    const styles = shadow.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    expect(styles[0]?.textContent).toContain('.flange-root');
    expect(styles[0]?.nonce || styles[0]?.getAttribute('nonce')).toBe('n0nce');
    expect(document.head.querySelector('style')).toBeNull();
    // Nothing of the widget is reachable by page selectors.
    expect(document.querySelector('.flange-root, .fl-system, h2')).toBeNull();
  });

  it('works inside the shadow root: events, focus, and the whole catalog → form path', async () => {
    const r = renderFlow({}, { isolation: 'shadow' });
    const shadow = await shadowOf(r.container);
    const view = within(shadow as unknown as HTMLElement);
    const heading = await view.findByRole('heading', { name: 'Which system does your company use?' });
    await waitFor(() => expect(shadow.activeElement).toBe(heading));
    const search = view.getByLabelText('Search systems');
    await r.user.click(search);
    await r.user.keyboard('{ArrowDown}{ArrowDown}');
    expect(shadow.activeElement?.getAttribute('aria-label')).toBe('IBM Maximo');
    await r.user.keyboard('{Enter}');
    await view.findByRole('heading', { name: 'Connect IBM Maximo' });
    await r.user.click(view.getByRole('button', { name: 'Connect' }));
    // The first faulty field takes focus, inside the shadow root.
    await waitFor(() => expect(shadow.activeElement?.getAttribute('data-field')).toBe('instance_url'));
  });

  it('stays out of the page when scoped: one <style> whose every rule is under .flange-root', async () => {
    const r = renderFlow({}, { isolation: 'scoped' });
    await within(r.container).findByLabelText('Search systems');
    const style = document.head.querySelector('style#flange-connect-styles');
    expect(style?.textContent).toContain('.flange-root .fl-btn');
    expect(r.container.querySelector('[data-flange-host]')).toBeNull();
  });
});
