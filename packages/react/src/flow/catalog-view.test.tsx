// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderFlow } from '../test/render';
import { bigCatalog, session } from '../test/fixtures';

const names = () =>
  within(screen.getByRole('list', { name: 'Systems' }))
    .getAllByRole('button')
    .map((b) => b.getAttribute('aria-label'));

describe('catalog', () => {
  it('lists popular systems first and searches with typos and word order', async () => {
    const r = renderFlow();
    const search = await screen.findByLabelText('Search systems');
    expect(names()).toEqual(['SAP S/4HANA', 'IBM Maximo', 'Fiix', 'Infor EAM']);
    await r.user.type(search, 'mximo');
    await waitFor(() => expect(names()).toEqual(['IBM Maximo']));
    await r.user.clear(search);
    await r.user.type(search, 'maximo ibm');
    await waitFor(() => expect(names()[0]).toBe('IBM Maximo'));
    await screen.findByText('1 system');
  });

  it('filters by category and by cloud or on-premises', async () => {
    const r = renderFlow();
    await screen.findByLabelText('Search systems');
    await r.user.selectOptions(screen.getByLabelText('Category'), 'ERP');
    await waitFor(() => expect(names()).toEqual(['SAP S/4HANA']));
    await r.user.selectOptions(screen.getByLabelText('Category'), 'All categories');
    await r.user.selectOptions(screen.getByLabelText('Deployment'), 'Cloud');
    await waitFor(() => expect(names()).toEqual(['SAP S/4HANA', 'IBM Maximo', 'Fiix', 'Infor EAM']));
    await r.user.selectOptions(screen.getByLabelText('Category'), 'Maintenance (EAM / CMMS)');
    await r.user.type(screen.getByLabelText('Search systems'), 'fiix');
    await waitFor(() => expect(names()).toEqual(['Fiix']));
  });

  it('renders a window of a 2,600-entry catalog, not every row, and still finds the last one', async () => {
    const r = renderFlow({ catalog: bigCatalog(2600) });
    const search = await screen.findByLabelText('Search systems');
    await screen.findByText('2,600 systems');
    const rendered = within(screen.getByRole('list', { name: 'Systems' })).getAllByRole('listitem');
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('2600');
    expect(rendered[0]?.getAttribute('aria-posinset')).toBe('1');
    search.focus();
    await r.user.paste('2599 tundra');
    await waitFor(() => expect(names()[0]).toBe('Tundra Tundra 2599'));
  }, 20_000);

  it('walks the results with the arrow keys, Home and End, and Enter chooses', async () => {
    const r = renderFlow({ catalog: bigCatalog(300) });
    const search = await screen.findByLabelText('Search systems');
    search.focus();
    await r.user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('SAP S/4HANA');
    await r.user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('IBM Maximo');
    await r.user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-index')).toBe('299'));
    await r.user.keyboard('{Home}');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('SAP S/4HANA'));
    await r.user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(search);
    await r.user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await screen.findByRole('heading', { name: 'Connect IBM Maximo' });
    expect(r.onEvent).toHaveBeenCalledWith('SELECT_SYSTEM', { system_id: 'ibm_maximo' });
  });

  it('typing on a row goes on in the search box; Enter in the box picks the best match', async () => {
    const r = renderFlow();
    const search = (await screen.findByLabelText('Search systems')) as HTMLInputElement;
    search.focus();
    await r.user.keyboard('{ArrowDown}');
    await r.user.keyboard('f');
    expect(document.activeElement).toBe(search);
    await r.user.keyboard('iix');
    await waitFor(() => expect(names()).toEqual(['Fiix']));
    await r.user.keyboard('{Enter}');
    expect(r.onEvent).toHaveBeenCalledWith('SELECT_SYSTEM', { system_id: 'fiix' });
  });

  it('puts recently chosen systems first, remembering only their ids', async () => {
    const first = renderFlow();
    await first.user.click(await screen.findByRole('button', { name: 'Fiix' }));
    first.unmount();
    expect(localStorage.getItem('flange:recent')).toBe('["fiix"]');
    // Another session in the same browser: the first one's position is its own.
    renderFlow({ session: { ...session, id: 'cs_2' } });
    await screen.findByLabelText('Search systems');
    expect(names()[0]).toBe('Fiix');
    expect(screen.getByRole('button', { name: 'Fiix' }).textContent).toContain('Recently chosen');
  });

  it('says so when nothing matches and offers the request path', async () => {
    const r = renderFlow();
    await r.user.type(await screen.findByLabelText('Search systems'), 'zzqqxx');
    await screen.findByText('No system matches “zzqqxx”.');
    await waitFor(() => expect(r.onEvent).toHaveBeenCalledWith('SEARCH', { query: 'zzqqxx', results: 0 }));
    await r.user.click(screen.getByRole('button', { name: 'Ask for it' }));
    expect(((await screen.findByLabelText('System name')) as HTMLInputElement).value).toBe('zzqqxx');
    await r.user.click(screen.getByRole('button', { name: 'Send request' }));
    await screen.findByRole('heading', { name: 'Request sent' });
    expect(r.requests.find((q) => q.path === '/v1/connect/system-requests')?.body).toEqual({
      name: 'zzqqxx',
    });
  });

  it('sends an on-request system to the request form', async () => {
    const r = renderFlow();
    await r.user.click(await screen.findByRole('button', { name: 'Infor EAM' }));
    expect(((await screen.findByLabelText('System name')) as HTMLInputElement).value).toBe('Infor EAM');
  });
});
