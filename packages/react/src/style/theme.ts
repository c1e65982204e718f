import type { Theme } from '@flange/protocol';
import type { CSSProperties } from 'react';

function channel(hex: string, i: number): number {
  return parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
}

function luminance(hex: string): number {
  const [r, g, b] = [0, 1, 2].map((i) => {
    const c = channel(hex, i) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function mix(hex: string, toward: string, amount: number): string {
  const out = [0, 1, 2].map((i) =>
    Math.round(channel(hex, i) + (channel(toward, i) - channel(hex, i)) * amount),
  );
  return `#${out.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The primary colour moved toward `toward` until it reads as text on `background` (AA, 4.5:1). */
export function readableOn(color: string, background: string, toward: string): string {
  let c = color;
  for (let i = 1; i <= 10 && contrast(c, background) < 4.5; i++) c = mix(color, toward, i / 10);
  return c;
}

export const DEFAULT_PRIMARY = '#2563eb';

/**
 * CSS custom properties for a host theme; everything else derives from them in the stylesheet. Only
 * what the theme sets is written, so a host's --flange-* properties apply otherwise.
 */
export function themeVariables(theme: Theme | undefined): CSSProperties {
  const vars: Record<string, string> = {};
  const primary = theme?.primary_color;
  if (primary) {
    vars['--fl-primary'] = primary;
    vars['--fl-on-primary'] =
      contrast(primary, '#ffffff') >= contrast(primary, '#0f172a') ? '#ffffff' : '#0f172a';
    vars['--fl-link-light'] = readableOn(primary, '#ffffff', '#000000');
    vars['--fl-link-dark'] = readableOn(primary, '#111827', '#ffffff');
  }
  if (theme?.radius_px !== undefined) vars['--fl-radius'] = `${theme.radius_px}px`;
  if (theme?.font_family) vars['--fl-font'] = theme.font_family;
  return vars as CSSProperties;
}
