import type { HttpResponse } from '../net/http-client';
import type { Predicate, ValueSource } from './definition';
import { getPath } from './json-path';
import { render } from './template';

const regexCache = new Map<string, RegExp>();
function re(source: string): RegExp {
  let r = regexCache.get(source);
  if (r === undefined) {
    r = new RegExp(source);
    regexCache.set(source, r);
  }
  return r;
}

/** Evaluate a predicate against a response. */
export function test(p: Predicate, res: HttpResponse): boolean {
  if ('all' in p) return p.all.every((q) => test(q, res));
  if ('any' in p) return p.any.some((q) => test(q, res));
  if ('not' in p) return !test(p.not, res);
  if ('status' in p) {
    const s = p.status;
    if (typeof s === 'number') return res.status === s;
    if (Array.isArray(s)) return s.includes(res.status);
    return Math.floor(res.status / 100) === Number(s[0]);
  }
  if ('header' in p) {
    const v = res.header(p.header);
    if (p.exists !== undefined && (v !== undefined) !== p.exists) return false;
    if (p.equals !== undefined && v !== p.equals) return false;
    if (p.matches !== undefined && (v === undefined || !re(p.matches).test(v))) return false;
    return p.exists !== undefined || p.equals !== undefined || p.matches !== undefined;
  }
  if ('body' in p) {
    const text = res.text();
    if (p.body.contains !== undefined && !text.includes(p.body.contains)) return false;
    if (p.body.matches !== undefined && !re(p.body.matches).test(text)) return false;
    return true;
  }
  const v = getPath(res.json(), p.json);
  if (p.exists !== undefined && (v !== undefined && v !== null) !== p.exists) return false;
  if (p.equals !== undefined && v !== p.equals) return false;
  if (p.in !== undefined && !p.in.some((x) => x === v)) return false;
  if (p.isArray !== undefined && Array.isArray(v) !== p.isArray) return false;
  if (p.matches !== undefined) {
    if (v === undefined || v === null || typeof v === 'object') return false;
    if (!re(p.matches).test(String(v))) return false;
  }
  return (
    p.exists !== undefined ||
    p.equals !== undefined ||
    p.in !== undefined ||
    p.isArray !== undefined ||
    p.matches !== undefined
  );
}

/** Read a value from a response (or the scope); undefined when absent or not a scalar. */
export function readValue(
  src: ValueSource,
  res: HttpResponse | undefined,
  scope: Readonly<Record<string, string>>,
): string | undefined {
  if ('value' in src) {
    try {
      return render(src.value, scope);
    } catch {
      return undefined;
    }
  }
  if (res === undefined) return undefined;
  if ('header' in src) return res.header(src.header);
  if ('body' in src) return re(src.body).exec(res.text())?.[1];
  const paths = typeof src.json === 'string' ? [src.json] : src.json;
  for (const path of paths) {
    const v = getPath(res.json(), path);
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return undefined;
}
