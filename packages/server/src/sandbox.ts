import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { SandboxHints } from '@flange/protocol';

const SandboxFile = z.record(z.string(), SandboxHints);

/** Read a JSON file of sandbox hints by system id (FLANGE_SANDBOX_FILE); throws a readable message. */
export function readSandboxFile(file: string): Record<string, SandboxHints> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`FLANGE_SANDBOX_FILE ${file}: ${(e as Error).message}`, { cause: e });
  }
  const r = SandboxFile.safeParse(json);
  if (!r.success) {
    throw new Error(
      `FLANGE_SANDBOX_FILE ${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}
