/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time grouped by what the code
 * is (database, logging, rate limiting, Express, crypto, Flange's own code…), and the heaviest functions.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the machine's monotonic clock, the one process.hrtime reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Ordered: the first pattern that matches a frame's URL (or name) names its group. */
const GROUPS: Array<[string, RegExp]> = [
  ['database (PGlite: WASM Postgres + its JS driver)', /pglite|^wasm:|wasm-function|JSToWasm|WasmToJS/i],
  ['database (pg driver)', /node_modules\/(\.pnpm\/)?pg[@/-]/],
  [
    'logging (pino, its serializers, sonic-boom)',
    /pino|sonic-boom|thread-stream|fast-redact|safe-stable-stringify/,
  ],
  [
    'rate limiting (rate-limiter-flexible + ours)',
    /rate-limiter-flexible|server\/src\/ratelimit|lifecycle\/rate-limits/,
  ],
  [
    'Express, router and their helpers',
    /node_modules\/.*(express|router|body-parser|finalhandler|send|serve-static|path-to-regexp|content-type|mime|qs|on-finished|type-is|accepts|negotiator|depd|statuses|etag|fresh|vary|debug|encodeurl|escape-html|cookie|proxy-addr|forwarded|parseurl|range-parser|raw-body)/,
  ],
  ['zod', /node_modules\/.*zod/],
  ['token hashing and checks (crypto)', /node:internal\/crypto|server\/src\/crypto|^node:crypto/],
  ['Flange server code (auth, routes, services)', /packages\/server\/src|packages\/protocol\/src/],
  [
    'Node HTTP and sockets',
    /node:_http|node:internal\/http|node:net|node:internal\/stream|node:stream|node:internal\/streams|node:events|node:internal\/(timers|async_hooks|process)/,
  ],
  ['garbage collection', /^\(garbage collector\)$/],
  ['idle (waiting for work)', /^\(idle\)$/],
  ['native / unattributed (program)', /^\(program\)$/],
];

/** Native bindings have no URL; these are told apart by name (who calls them on this server's hot path). */
const BUILTINS: Record<string, string> = {
  // PGlite's Emscripten file system stats its files on every query.
  fstat: 'database (PGlite: WASM Postgres + its JS driver)',
  writev: 'Node HTTP and sockets',
  writeBuffer: 'Node HTTP and sockets',
  writeUtf8String: 'Node HTTP and sockets',
  writeLatin1String: 'Node HTTP and sockets',
  // fs.writeSync of a string: pino's synchronous stdout.
  writeString: 'logging (pino, its serializers, sonic-boom)',
};

function groupOf(frame: ProfileNode['callFrame']): string {
  if (frame.url === '' && BUILTINS[frame.functionName]) return BUILTINS[frame.functionName] as string;
  const key = frame.url !== '' ? frame.url : frame.functionName;
  for (const [name, pattern] of GROUPS) if (pattern.test(key)) return name;
  if (frame.url.startsWith('node:')) return 'other Node internals';
  if (frame.url === '') return 'other V8 and Node built-ins (Buffer, JSON, promises…)';
  if (frame.url.includes('node_modules')) return 'other dependencies';
  return 'other';
}

/**
 * A printable breakdown of the profile's self time; with `window` (monotonic microseconds, as
 * process.hrtime.bigint() / 1000n), only the samples taken inside it: the load, not the start-up.
 */
export function summarizeProfile(profile: CpuProfile, window?: { from: number; to: number }): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  let total = 0;
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    total += us;
    const group = groupOf(node.callFrame);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const f = node.callFrame;
    const where =
      f.url === ''
        ? ''
        : ` ${f.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*?\/packages\//, 'packages/')}:${f.lineNumber + 1}`;
    const key = `${f.functionName || '(anonymous)'}${where}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const busy = total - (groups.get('idle (waiting for work)') ?? 0);
  const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)}%`;
  const lines = [
    `   CPU self time of the Flange server under load (${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy):`,
  ];
  for (const [name, us] of [...groups].sort((a, b) => b[1] - a[1])) {
    lines.push(
      `     ${pct(us, total)} of all  ${name === 'idle (waiting for work)' ? '      ' : `${pct(us, busy)} of busy`}  ${name}`,
    );
  }
  lines.push('   heaviest functions (self time, % of busy):');
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    if (name.startsWith('(idle)')) continue;
    lines.push(`     ${pct(us, busy)}  ${name}`);
  }
  return lines.join('\n');
}
