#!/usr/bin/env node
/**
 * `pnpm bench`: runs every performance budget of issues 4 and 5, one after the other (they would skew each
 * other on two cores), then prints one line per budget.
 *
 *   pnpm bench                              # all of them; exits 0 even when a budget is missed
 *   pnpm bench --strict                     # exits 1 when a budget is missed
 *   pnpm bench search status                # only these (names below)
 *
 * A bench that crashes always makes the run exit 1: a budget that cannot be measured is not met.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Name → file; the order runs the cheap, deterministic ones first. */
const BENCHES = {
  'hosted-bundle': 'bench/hosted-bundle.bench.ts',
  'widget-bundle': 'bench/widget-bundle.bench.ts',
  search: 'bench/catalog-search.bench.ts',
  'catalog-visible': 'bench/catalog-visible.bench.ts',
  status: 'bench/connection-status.bench.ts',
};

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; choose from: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names : Object.keys(BENCHES);

function run(file, resultFile) {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...(strict ? ['--strict'] : [])], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    });
    child.on('exit', (code, signal) => done({ code: code ?? 1, signal }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'flange-bench-run-'));
const rows = [];
let failed = false;
let crashed = false;
try {
  for (const name of selected) {
    const resultFile = join(dir, `${name}.jsonl`);
    const started = Date.now();
    const { code, signal } = await run(BENCHES[name], resultFile);
    const seconds = Math.round((Date.now() - started) / 1000);
    const results = existsSync(resultFile)
      ? readFileSync(resultFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : [];
    if (results.length === 0 || (code !== 0 && !strict) || signal) {
      crashed = true;
      rows.push(`ERROR  ${name} (exit ${signal ?? code}, ${seconds} s): no result; see its output above`);
      continue;
    }
    for (const r of results) {
      if (!r.ok) failed = true;
      const figures = r.checks
        .map((c) => `${c.value} ${c.unit} (${c.kind === 'max' ? '≤' : '≥'} ${c.limit})`)
        .join(', ');
      rows.push(`${r.ok ? 'PASS ' : 'FAIL '}  ${r.bench}: ${figures}  [${seconds} s, load ${r.load}]`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(`\n== Budgets\n${rows.map((r) => `   ${r}`).join('\n')}\n`);
if (crashed || (strict && failed)) process.exit(1);
