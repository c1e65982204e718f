/**
 * Catalog search for the connect widget and the server: ranked matching over name, vendor and aliases that
 * forgives typos ("mximo", "netsiute"), word order ("maximo ibm"), missing spaces ("businesscentral") and
 * half-typed words. Pure TypeScript with no dependencies, so the browser and Node run the same code.
 *
 * The index is built once; a keystroke then costs one scan of the vocabulary for the word being typed (the
 * other words' matches are cached) plus one pass over the entries.
 */
import type { Category, Deployment, SystemSummary } from './catalog';
import {
  MAX_TOKEN_CHARS,
  charMask,
  compact,
  headMask,
  splitPieces,
  tokenMasks,
  wordScore,
  type Piece,
} from './search-text';

/** What search needs of an entry; a full SystemSummary fits. */
export type SearchableSystem = Pick<
  SystemSummary,
  'id' | 'name' | 'vendor' | 'aliases' | 'category' | 'deployment' | 'popularity'
> & { availability?: SystemSummary['availability'] };

export interface CatalogSearchOptions {
  /** Keep only entries of this category (or any of these). */
  category?: Category | readonly Category[] | undefined;
  /** Keep only entries that run this way. */
  deployment?: Deployment | undefined;
  availability?: SystemSummary['availability'] | undefined;
  limit?: number | undefined;
}

export interface CatalogIndex<T extends SearchableSystem> {
  /**
   * Entries ranked for the query. An empty query lists every (filtered) entry, most popular first; a query
   * that matches nothing returns [] so the caller can offer the "request this system" path.
   */
  search(query: string, opts?: CatalogSearchOptions): T[];
  readonly size: number;
}

const FIELD_WEIGHT = { name: 1, alias: 0.92, vendor: 0.8 } as const;
/** A piece inside a word ("net" in "Visma.net", "hana" in "S/4HANA") counts less than a word's start. */
const INNER_PIECE = 0.75;
const JOINED_PIECES = 0.9;
const MAX_QUERY_CHARS = 120;
const MAX_QUERY_TOKENS = 8;
const MATCH_CACHE_SIZE = 256;

interface Postings {
  entries: number[];
  weights: number[];
}

/** Builds the index once; `search` is then cheap enough to run on every keystroke. */
export function createCatalogIndex<T extends SearchableSystem>(entries: readonly T[]): CatalogIndex<T> {
  const items = [...entries];
  const vocab: string[] = [];
  const postings: Postings[] = [];
  const tokenIds = new Map<string, number>();
  const phrases: string[][] = [];

  const post = (token: string, entry: number, weight: number): void => {
    let id = tokenIds.get(token);
    if (id === undefined) {
      id = vocab.length;
      tokenIds.set(token, id);
      vocab.push(token);
      postings.push({ entries: [], weights: [] });
    }
    const p = postings[id] as Postings;
    const last = p.entries.length - 1;
    if (last >= 0 && p.entries[last] === entry) {
      if (weight > (p.weights[last] as number)) p.weights[last] = weight;
    } else {
      p.entries.push(entry);
      p.weights.push(weight);
    }
  };

  items.forEach((item, index) => {
    const fields: Array<[string, number]> = [
      [item.name, FIELD_WEIGHT.name],
      [item.vendor, FIELD_WEIGHT.vendor],
      ...item.aliases.map((a): [string, number] => [a, FIELD_WEIGHT.alias]),
    ];
    for (const [text, weight] of fields) {
      const pieces = splitPieces(text);
      pieces.forEach((piece, i) => {
        post(piece.text, index, weight * (piece.wordStart ? 1 : INNER_PIECE));
        // Joined neighbours let "s4hana", "businesscentral" and "d365" match without the spaces.
        let joined = piece.text;
        for (let k = i + 1; k < Math.min(pieces.length, i + 3); k++) {
          joined += (pieces[k] as Piece).text;
          if (joined.length > MAX_TOKEN_CHARS) break;
          post(joined, index, weight * JOINED_PIECES * (piece.wordStart ? 1 : INNER_PIECE));
        }
      });
    }
    phrases.push([item.name, ...item.aliases, `${item.vendor} ${item.name}`].map(compact));
  });

  const byPopularity = items
    .map((_, i) => i)
    .sort((a, b) => compareByPopularity(items[a] as T, items[b] as T));

  const masks = tokenMasks(vocab);
  const matchCache = new Map<string, Float64Array>();
  /** Vocabulary ids and scores for one query word, as [id, score, id, score, …]. */
  const matchesFor = (word: string): Float64Array => {
    const cached = matchCache.get(word);
    if (cached) return cached;
    const found: number[] = [];
    const wordMask = charMask(word);
    for (let id = 0; id < vocab.length; id++) {
      const score = wordScore(
        word,
        wordMask,
        vocab[id] as string,
        headMask(masks, id, Number.POSITIVE_INFINITY),
        headMask(masks, id, word.length + 1),
      );
      if (score > 0) found.push(id, score);
    }
    const result = Float64Array.from(found);
    if (matchCache.size >= MATCH_CACHE_SIZE) matchCache.clear();
    matchCache.set(word, result);
    return result;
  };

  const perWord = new Float64Array(items.length);
  const total = new Float64Array(items.length);
  const matched = new Uint8Array(items.length);

  const search = (query: string, opts: CatalogSearchOptions = {}): T[] => {
    const keep = entryFilter(opts);
    const limit = Math.max(0, opts.limit ?? Number.POSITIVE_INFINITY);
    // A query word is matched whole, punctuation dropped: "S/4HANA" → s4hana, "D365" → d365, "F&O" → fo.
    const typed = (typeof query === 'string' ? query.slice(0, MAX_QUERY_CHARS) : '')
      .split(/\s+/)
      .map((w) => compact(w).slice(0, MAX_TOKEN_CHARS))
      .filter((w) => w !== '');
    const words = [...new Set(typed)].slice(0, MAX_QUERY_TOKENS);
    if (words.length === 0) {
      const out: T[] = [];
      for (const i of byPopularity) {
        if (out.length >= limit) break;
        const item = items[i] as T;
        if (keep(item)) out.push(item);
      }
      return out;
    }

    total.fill(0);
    matched.fill(0);
    for (const word of words) {
      perWord.fill(0);
      const found = matchesFor(word);
      for (let m = 0; m < found.length; m += 2) {
        const p = postings[found[m] as number] as Postings;
        const score = found[m + 1] as number;
        for (let k = 0; k < p.entries.length; k++) {
          const entry = p.entries[k] as number;
          const value = score * (p.weights[k] as number);
          if (value > (perWord[entry] as number)) perWord[entry] = value;
        }
      }
      for (let e = 0; e < items.length; e++) {
        const value = perWord[e] as number;
        if (value > 0) {
          total[e] = (total[e] as number) + value;
          matched[e] = (matched[e] as number) + 1;
        }
      }
    }

    const whole = typed.join('');
    // One or two letters say little: let popularity order them.
    const popularityWeight = whole.length === 1 ? 2 : whole.length === 2 ? 1 : 0.15;
    const ranked: Array<{ index: number; rank: number }> = [];
    for (let e = 0; e < items.length; e++) {
      const hits = matched[e] as number;
      // Most of the words must match; one stray word ("maximo xyz") does not hide the system.
      if (hits === 0 || hits * 2 < words.length) continue;
      const item = items[e] as T;
      if (!keep(item)) continue;
      let bonus = 0;
      for (const phrase of phrases[e] as string[]) {
        if (phrase === whole) bonus = 1;
        else if (whole.length >= 2 && phrase.startsWith(whole)) bonus = Math.max(bonus, 0.3);
      }
      const rank =
        hits * 10 + (total[e] as number) / words.length + bonus + (popularityWeight * item.popularity) / 100;
      ranked.push({ index: e, rank });
    }
    ranked.sort((a, b) => b.rank - a.rank || compareByPopularity(items[a.index] as T, items[b.index] as T));
    return ranked.slice(0, limit).map((r) => items[r.index] as T);
  };

  return { search, size: items.length };
}

const indexes = new WeakMap<readonly SearchableSystem[], CatalogIndex<SearchableSystem>>();

/**
 * One-shot search; the index is built on first use and reused while the same array is passed, so treat
 * that array as immutable (pass a new one when the catalog changes).
 */
export function searchCatalog<T extends SearchableSystem>(
  entries: readonly T[],
  query: string,
  opts?: CatalogSearchOptions,
): T[] {
  let index = indexes.get(entries) as CatalogIndex<T> | undefined;
  if (!index) {
    index = createCatalogIndex(entries);
    indexes.set(entries, index as CatalogIndex<SearchableSystem>);
  }
  return index.search(query, opts);
}

/** The filter part of a search (category, deployment, availability), as a predicate. */
export function entryFilter(opts: CatalogSearchOptions): (item: SearchableSystem) => boolean {
  const categories =
    opts.category === undefined
      ? null
      : new Set<string>(typeof opts.category === 'string' ? [opts.category] : opts.category);
  const { deployment, availability } = opts;
  return (item) =>
    (categories === null || categories.has(item.category)) &&
    (deployment === undefined || item.deployment.includes(deployment)) &&
    (availability === undefined || item.availability === availability);
}

/** The order of an empty query: most popular first, then by name. */
export function compareByPopularity(a: SearchableSystem, b: SearchableSystem): number {
  return b.popularity - a.popularity || a.name.localeCompare(b.name, 'en');
}
