import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Runs before each file of the React 18 suite: `react` and `react-dom` (and their subpaths) resolve to
 * the react-18 / react-dom-18 aliases, for ESM imports (a loader hook) and CommonJS requires alike.
 */
const base = pathToFileURL(`${process.cwd()}/package.json`).href;
const swap = (specifier: string): string | null => {
  const m = /^(react|react-dom)(\/.*)?$/.exec(specifier);
  return m ? `${m[1]}-18${m[2] ?? ''}` : null;
};

register(
  `data:text/javascript,${encodeURIComponent(`
    const base = ${JSON.stringify(base)};
    export async function resolve(specifier, context, next) {
      const m = /^(react|react-dom)(\\/.*)?$/.exec(specifier);
      if (!m) return next(specifier, context);
      return next(m[1] + '-18' + (m[2] ?? ''), { ...context, parentURL: base });
    }
  `)}`,
);

// Node's CommonJS resolver internals are the only hook to swap react for react-18 under vitest.
/* eslint-disable no-underscore-dangle */
type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve; _nodeModulePaths(dir: string): string[] };
const original = internals._resolveFilename;
const anchor = {
  id: base,
  filename: new URL(base).pathname,
  paths: internals._nodeModulePaths(process.cwd()),
};
internals._resolveFilename = function (request, parent, ...rest) {
  const swapped = swap(request);
  return swapped
    ? original.call(this, swapped, anchor, ...rest)
    : original.call(this, request, parent, ...rest);
};
