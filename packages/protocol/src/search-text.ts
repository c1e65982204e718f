/**
 * Text side of the catalog search: folding to comparable words, and scoring one query word against one
 * indexed word (exact, prefix, inside, or a typo away).
 */

export const MAX_TOKEN_CHARS = 32;

export interface Piece {
  text: string;
  /** Whether the piece starts a whitespace-separated word. */
  wordStart: boolean;
}

/**
 * Lower-cased, accent-free runs of letters or of digits: "SAP S/4HANA" → sap, s, 4, hana; "JobBOSS²" →
 * jobboss, 2; "Körber" → korber.
 */
export function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const word of fold(text).split(/\s+/)) {
    const runs = word.match(/\p{L}+|\p{N}+/gu) ?? [];
    runs.forEach((run, i) => pieces.push({ text: run, wordStart: i === 0 }));
  }
  return pieces;
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function compact(text: string): string {
  return splitPieces(text)
    .map((p) => p.text)
    .join('');
}

/**
 * How well a query word matches a vocabulary word, 0 for not at all. The letter masks (charMask) of the word,
 * the token and the token's first word.length + 1 characters skip most distance computations: each of the
 * word's letters a token lacks costs at least one edit.
 */
export function wordScore(
  word: string,
  wordMask: number,
  token: string,
  tokenMask: number,
  tokenHeadMask: number,
): number {
  if (token === word) return 1;
  if (token.startsWith(word)) return 0.7 + (0.25 * word.length) / token.length;
  if (word.length < 3) return 0;
  const inside = token.includes(word) ? 0.4 : 0;
  if (word.length < 4 || word.length > MAX_TOKEN_CHARS) return inside;
  const allowed = word.length >= 8 ? 2 : 1;
  // Two ways to match with typos: the whole token (lengths close) or a prefix of it within one edit.
  const whole = Math.abs(token.length - word.length) <= allowed;
  if (whole) {
    if (bitCount(wordMask & ~tokenMask) > allowed) return inside;
  } else if (token.length < word.length || bitCount(wordMask & ~tokenHeadMask) > 1) {
    // The prefix route reads only the token's first n + 1 characters, so the word's letters must be there.
    return inside;
  }
  return Math.max(inside, fuzzyScore(word, token, whole ? allowed : 1, whole));
}

const ROWS = [0, 1, 2].map(() => new Int32Array(MAX_TOKEN_CHARS * 2 + 4));

/**
 * Scores a typo by optimal-string-alignment distance (insert, delete, substitute, swap neighbours): the
 * whole token within `bound` edits (when `whole`), else a prefix of it within one ("mxim" → maximo), else 0.
 */
function fuzzyScore(word: string, token: string, bound: number, whole: boolean): number {
  const n = word.length;
  const m = Math.min(token.length, n + bound);
  let [before, previous, current] = ROWS as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = word.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = token.charCodeAt(j - 1);
      let v = (previous[j - 1] as number) + (ca === cb ? 0 : 1);
      const del = (previous[j] as number) + 1;
      if (del < v) v = del;
      const ins = (current[j - 1] as number) + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === token.charCodeAt(j - 2) && word.charCodeAt(i - 2) === cb) {
        const swap = (before[j - 2] as number) + 1;
        if (swap < v) v = swap;
      }
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return 0;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  if (whole && token.length === m) {
    const distance = previous[m] as number;
    if (distance <= bound) return 0.75 - 0.15 * distance;
  }
  if (token.length < n) return 0;
  let prefix = bound + 1;
  for (let j = 0; j <= m; j++) if ((previous[j] as number) < prefix) prefix = previous[j] as number;
  return prefix <= 1 ? 0.45 : 0;
}

/** Masks kept per token: the whole token's, then those of its first 1…HEAD_SLOTS - 1 characters. */
export const HEAD_SLOTS = 10;

/** charMask of every token and of its heads, HEAD_SLOTS per token (see headMask). */
export function tokenMasks(tokens: readonly string[]): Uint32Array {
  const masks = new Uint32Array(tokens.length * HEAD_SLOTS);
  tokens.forEach((token, id) => {
    masks[id * HEAD_SLOTS] = charMask(token);
    for (let k = 1; k < HEAD_SLOTS; k++) masks[id * HEAD_SLOTS + k] = charMask(token, k);
  });
  return masks;
}

/** The mask of a token's first `length` characters, or a superset of it (the whole token's) past the table. */
export function headMask(masks: Uint32Array, id: number, length: number): number {
  return masks[id * HEAD_SLOTS + (length < HEAD_SLOTS ? length : 0)] as number;
}

/** One bit per letter a–z, digits and other characters folded onto the rest; collisions only weaken the filter. */
export function charMask(text: string, end = text.length): number {
  let mask = 0;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

export function bitCount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
