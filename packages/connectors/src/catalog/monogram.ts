/** A product's generated logo: initials on a colour pair that meets WCAG AA (4.5:1). */
export interface Monogram {
  monogram: string;
  background: string;
  foreground: string;
}

const STOP_WORDS = new Set(['of', 'and', 'the', 'for', 'via', 'by', 'with']);
const MIN_CONTRAST = 4.5;

/** Initials for a product name: two words' initials, or a short word kept whole ("FMX", "Xe"). */
export function monogramText(name: string): string {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    // Camel humps count as words, so "MaintainX" reads "MX" and "ServiceNow" "SN".
    .flatMap((w) => w.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((w) => w !== '' && !STOP_WORDS.has(w.toLowerCase()));
  const [first, second] = words;
  if (first === undefined) return '?';
  if (second === undefined) {
    const [a = '', b = '', ...rest] = [...first];
    const allCaps = first === first.toUpperCase();
    if (rest.length <= 1 && allCaps) return first;
    return a.toUpperCase() + (allCaps ? b : b.toLowerCase());
  }
  return (firstChar(first) + firstChar(second)).toUpperCase();
}

function firstChar(word: string): string {
  return [...word][0] ?? '';
}

/** Deterministic colours for a name: a hue from its hash, lightness moved until the pair reaches 4.5:1. */
export function monogramColours(name: string): { background: string; foreground: string } {
  const hash = fnv1a(name);
  const hue = hash % 360;
  const saturation = 45 + ((hash >>> 9) % 30);
  const darkBackground = ((hash >>> 17) & 1) === 0;
  if (darkBackground) {
    const foreground = '#ffffff';
    for (let l = 42; l >= 0; l -= 2) {
      const background = hslToHex(hue, saturation, l);
      if (contrastRatio(background, foreground) >= MIN_CONTRAST) return { background, foreground };
    }
    return { background: '#000000', foreground };
  }
  const foreground = hslToHex(hue, saturation, 18);
  for (let l = 86; l <= 100; l += 2) {
    const background = hslToHex(hue, saturation, l);
    if (contrastRatio(background, foreground) >= MIN_CONTRAST) return { background, foreground };
  }
  return { background: '#ffffff', foreground: '#000000' };
}

/** The full logo for a product name. */
export function monogramFor(name: string): Monogram {
  return { monogram: monogramText(name), ...monogramColours(name) };
}

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function relativeLuminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function hslToHex(h: number, s: number, l: number): string {
  const sat = s / 100;
  const light = l / 100;
  const k = (n: number): number => (n + h / 30) % 12;
  const a = sat * Math.min(light, 1 - light);
  const f = (n: number): string => {
    const v = light - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
