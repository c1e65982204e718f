import { readFile } from 'node:fs/promises';
import { TOKEN_PATTERNS } from '@flange/protocol';
import { DemoError } from './problem';

/**
 * Where the demo backend finds its Flange secret key: the env value when set, else the file the Flange
 * server writes into its data folder on first start. The key stays in this process; no route returns it.
 */
export function secretKeySource(opts: { value?: string | undefined; file: string }): () => Promise<string> {
  let cached: string | undefined = opts.value?.trim() || undefined;
  return async () => {
    if (cached !== undefined) return check(cached);
    let text: string;
    try {
      text = await readFile(opts.file, 'utf8');
    } catch {
      throw new DemoError(
        'NOT_CONFIGURED',
        `No Flange secret key: set FLANGE_SECRET_KEY or start the Flange server so it writes ${opts.file}.`,
      );
    }
    cached = check(text.trim());
    return cached;
  };
}

function check(key: string): string {
  if (!TOKEN_PATTERNS.secret_key.test(key)) {
    throw new DemoError(
      'NOT_CONFIGURED',
      'The configured Flange secret key does not look like flk_test_… or flk_live_….',
    );
  }
  return key;
}
