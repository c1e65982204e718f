import { appendFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** One budget: a measured figure against its limit. */
export interface Check {
  /** What was measured, e.g. "initial JS + CSS (gzip)". */
  name: string;
  value: number;
  limit: number;
  /** `max`: the value must stay at or under the limit; `min`: at or over it. */
  kind: 'max' | 'min';
  unit: string;
}

export const STRICT = process.argv.includes('--strict');

/** The machine a figure was taken on, with the load average that says how busy it was. */
export function machine(): { cores: number; cpu: string; memoryGb: number; node: string; load: string } {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}

/** The bench's title, budget and machine, printed first. */
export function header(title: string, budget: string): void {
  const m = machine();
  process.stdout.write(
    `\n== ${title}\n   budget: ${budget}\n   machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, load average 1/5/15 min ${m.load}\n   date: ${new Date().toISOString()}\n\n`,
  );
}

export function passed(check: Check): boolean {
  return check.kind === 'max' ? check.value <= check.limit : check.value >= check.limit;
}

/**
 * Prints PASS/FAIL per check, records the result for bench/run.mjs (BENCH_RESULT_FILE), and sets the exit
 * code: non-zero on a failed budget only with --strict, so a plain run always reports its figures.
 */
export function finish(bench: string, checks: readonly Check[], figures: Record<string, unknown> = {}): void {
  const lines = checks.map((c) => {
    const op = c.kind === 'max' ? '≤' : '≥';
    return `   ${passed(c) ? 'PASS' : 'FAIL'}  ${c.name}: ${c.value} ${c.unit} (budget ${op} ${c.limit} ${c.unit})`;
  });
  const ok = checks.every(passed);
  process.stdout.write(
    `${lines.join('\n')}\n   ${bench}: ${ok ? 'PASS' : 'FAIL'} (load average now ${machine().load})\n`,
  );
  const file = process.env.BENCH_RESULT_FILE;
  if (file) {
    appendFileSync(file, `${JSON.stringify({ bench, ok, checks, figures, load: machine().load })}\n`);
  }
  if (!ok && STRICT) process.exitCode = 1;
}
