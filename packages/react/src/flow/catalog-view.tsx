import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { compareByPopularity, createCatalogIndex, entryFilter } from '@flange/protocol';
import type { Category, Deployment, SystemSummary } from '@flange/protocol';
import { catalogQuery } from '../queries';
import { activeElementIn, useFlowContext, useFlowSnapshot, useHeadings } from './flow-context';
import { LoadError, Loading } from './status-views';
import { useFocusOnMount } from './use-focus';
import { useWindowedList } from './use-windowed-list';

/** Height of one result row, gap included (the stylesheet gives rows exactly this). */
export const ROW_HEIGHT = 64;
const MOVES: Record<string, (i: number, last: number, page: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: (_i, last) => last,
  PageDown: (i, last, page) => Math.min(i + page, last),
  PageUp: (i, _last, page) => Math.max(i - page, 0),
};

/**
 * Pick a system: search (typos and word order forgiven), category and deployment filters, recently
 * chosen systems first, popular ones next; a windowed list (thousands of entries stay smooth) that
 * the arrow keys walk through.
 */
export function CatalogView() {
  const { client, session } = useFlowContext();
  const catalog = useQuery(catalogQuery(client));
  const systems = useMemo(() => {
    const all = catalog.data?.data ?? [];
    return session.systems ? all.filter((s) => session.systems?.includes(s.id)) : all;
  }, [catalog.data, session.systems]);
  if (catalog.isPending) return <Loading />;
  if (catalog.isError) return <LoadError onRetry={() => void catalog.refetch()} />;
  return <Catalog systems={systems} />;
}

function Catalog({ systems }: { systems: readonly SystemSummary[] }) {
  const { store, t, emit, rootRef, locale } = useFlowContext();
  const { Step } = useHeadings();
  const { recent } = useFlowSnapshot();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const [deployment, setDeployment] = useState<Deployment | ''>('');
  const deferredQuery = useDeferredValue(query);
  const viewportRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const ids = {
    h: useId(),
    search: useId(),
    hint: useId(),
    count: useId(),
    category: useId(),
    deployment: useId(),
  };

  // The search index is built on the first keystroke (or once the list is on screen): browsing by
  // popularity needs none, and the first paint should not wait for it.
  const [indexWanted, setIndexWanted] = useState(false);
  const index = useMemo(() => (indexWanted ? createCatalogIndex(systems) : null), [indexWanted, systems]);
  const wantIndex = query.trim() !== '' || indexWanted;
  useEffect(() => {
    // oxlint-disable-next-line react/set-state-in-effect -- the index is built once asked for
    if (wantIndex) return void setIndexWanted(true);
    const timer = setTimeout(() => setIndexWanted(true), 300);
    return () => clearTimeout(timer);
  }, [wantIndex]);
  // Until the index exists, the order and filters of its empty query.
  const byPopularity = useMemo(() => [...systems].sort(compareByPopularity), [systems]);
  const categories = useMemo(
    () =>
      [...new Set(systems.map((s) => s.category))].sort((a, b) =>
        t(`category.${a}`).localeCompare(t(`category.${b}`)),
      ),
    [systems, t],
  );
  const recentSet = useMemo(() => new Set(recent), [recent]);
  const results = useMemo(() => {
    const filters = { category: category || undefined, deployment: deployment || undefined };
    const found = index ? index.search(deferredQuery, filters) : byPopularity.filter(entryFilter(filters));
    if (deferredQuery.trim() !== '' || recent.length === 0) return found;
    // Browsing: the systems this browser chose before come first, then the most popular.
    const first = recent.flatMap((id) => found.filter((s) => s.id === id));
    return [...first, ...found.filter((s) => !recentSet.has(s.id))];
  }, [index, byPopularity, deferredQuery, category, deployment, recent, recentSet]);

  const list = useWindowedList(results.length, ROW_HEIGHT, viewportRef);
  const { reveal } = list;
  // A new search or filter starts at the top of its results.
  useEffect(() => {
    if (viewportRef.current) reveal(0);
  }, [deferredQuery, category, deployment, reveal]);

  // Move focus to a row once the window renders it. No dependency list on purpose: the row exists only after
  // some later render of the window, and the effect stops as soon as focus has moved (focusIndex → null).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (focusIndex === null) return;
    const row = rootRef.current?.querySelector<HTMLButtonElement>(`[data-index="${focusIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      setFocusIndex(null);
    }
  });

  // Report searches once the user pauses, not per keystroke; announce the count the same way.
  const [announced, setAnnounced] = useState('');
  const countText =
    results.length === 0 && deferredQuery.trim()
      ? t('catalog.none', { query: deferredQuery.trim() })
      : results.length === 1
        ? t('catalog.countOne')
        : t('catalog.count', { count: results.length.toLocaleString(locale) });
  useEffect(() => {
    const timer = setTimeout(() => {
      setAnnounced(countText);
      if (deferredQuery.trim() !== '')
        emit('SEARCH', { query: deferredQuery.trim(), results: results.length });
    }, 600);
    return () => clearTimeout(timer);
  }, [countText, deferredQuery, results.length, emit]);

  const choose = (s: SystemSummary) =>
    s.availability === 'on_request' ? store.openRequest(s.name, s.id) : store.selectSystem(s.id);
  const go = (i: number) => {
    reveal(i);
    setFocusIndex(i);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && results.length > 0) {
      e.preventDefault();
      go(0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = results[0];
      if (first) choose(first);
    }
  };
  const onListKey = (e: KeyboardEvent<HTMLElement>) => {
    const active = activeElementIn(rootRef.current);
    const at = Number((active as HTMLElement | null)?.dataset['index'] ?? NaN);
    if (Number.isNaN(at)) return;
    const move = MOVES[e.key];
    if (move) {
      e.preventDefault();
      const page = Math.max(1, Math.floor((viewportRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
      const next = move(at, results.length - 1, page);
      if (next < 0) searchRef.current?.focus();
      else go(next);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
      // Typing on a row goes on in the search box, which receives this very keystroke.
      searchRef.current?.focus();
    }
  };

  const rows: ReactNode[] = [];
  for (let i = list.start; i < list.end; i++) {
    const s = results[i] as SystemSummary;
    rows.push(
      <li key={s.id} aria-setsize={results.length} aria-posinset={i + 1}>
        <SystemButton
          system={s}
          index={i}
          recent={recentSet.has(s.id) && deferredQuery.trim() === ''}
          onChoose={choose}
        />
      </li>,
    );
  }

  return (
    <section className="fl-stack" aria-labelledby={ids.h}>
      <Step className="fl-h" id={ids.h} ref={headingRef} tabIndex={-1}>
        {t('catalog.heading')}
      </Step>
      <div className="fl-field">
        <label className="fl-label" htmlFor={ids.search}>
          {t('catalog.search')}
        </label>
        <input
          ref={searchRef}
          id={ids.search}
          className="fl-input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('catalog.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          aria-describedby={`${ids.count} ${ids.hint}`}
        />
        <span id={ids.hint} className="fl-sr">
          {t('catalog.searchHint')}
        </span>
      </div>
      <div className="fl-filters">
        {categories.length > 1 && (
          <div className="fl-field">
            <label className="fl-label" htmlFor={ids.category}>
              {t('catalog.category')}
            </label>
            <select
              id={ids.category}
              className="fl-input"
              value={category}
              onChange={(e) => setCategory(e.target.value as Category | '')}
            >
              <option value="">{t('catalog.allCategories')}</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="fl-field">
          <label className="fl-label" htmlFor={ids.deployment}>
            {t('catalog.deployment')}
          </label>
          <select
            id={ids.deployment}
            className="fl-input"
            value={deployment}
            onChange={(e) => setDeployment(e.target.value as Deployment | '')}
          >
            <option value="">{t('catalog.deploymentAny')}</option>
            <option value="cloud">{t('catalog.deploymentCloud')}</option>
            <option value="on_prem">{t('catalog.deploymentOnPrem')}</option>
          </select>
        </div>
      </div>
      <p id={ids.count} className="fl-muted">
        {countText}
      </p>
      <p className="fl-sr" role="status">
        {announced}
      </p>
      <div ref={viewportRef} className="fl-viewport" onKeyDown={onListKey}>
        <ul
          className="fl-systems"
          aria-label={t('catalog.results')}
          style={{ paddingTop: list.padTop, paddingBottom: list.padBottom }}
        >
          {rows}
        </ul>
      </div>
      <p className="fl-row fl-muted">
        {t('catalog.cantFind')}{' '}
        <button type="button" className="fl-link" onClick={() => store.openRequest(query.trim())}>
          {t('catalog.requestIt')}
        </button>
      </p>
    </section>
  );
}

function SystemButton(props: {
  system: SystemSummary;
  index: number;
  recent: boolean;
  onChoose: (s: SystemSummary) => void;
}) {
  const { t } = useFlowContext();
  const { system: s } = props;
  const descId = useId();
  const notes = [
    s.vendor,
    props.recent ? t('catalog.recent') : null,
    s.availability === 'on_request' ? t('catalog.onRequest') : null,
  ].filter(Boolean);
  return (
    <button
      type="button"
      className="fl-system"
      data-index={props.index}
      data-system={s.id}
      aria-label={s.name}
      aria-describedby={descId}
      title={s.name}
      onClick={() => props.onChoose(s)}
    >
      <span
        className="fl-monogram"
        aria-hidden="true"
        style={{ background: s.logo.background, color: s.logo.foreground }}
      >
        {s.logo.monogram}
      </span>
      <span className="fl-system-text">
        <span className="fl-system-name">{s.name}</span>
        <span id={descId} className="fl-system-note">
          {notes.join(' · ')}
        </span>
      </span>
      {s.availability === 'on_request' && (
        <span className="fl-badge" aria-hidden="true">
          {t('catalog.onRequest')}
        </span>
      )}
    </button>
  );
}
