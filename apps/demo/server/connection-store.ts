import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';

/** What the demo keeps about one Flange connection. The access token never leaves this backend. */
export const StoredConnection = z.object({
  connection_id: z.string(),
  access_token: z.string(),
  system_name: z.string(),
  connected_at: z.string(),
});
export type StoredConnection = z.infer<typeof StoredConnection>;

const FileShape = z.object({
  version: z.literal(1),
  workspaces: z.record(z.string(), z.array(StoredConnection)),
});

/** Connection tokens per workspace: the host's own secret store, in a real product a vault or a DB column. */
export interface ConnectionStore {
  /** Newest first. */
  list(workspaceId: string): Promise<StoredConnection[]>;
  /** Insert, or replace the entry with the same connection id (a reconnect issues a new token). */
  save(workspaceId: string, connection: StoredConnection): Promise<void>;
}

/**
 * In memory, or mirrored to a JSON file (mode 0600) when `file` is given so a restart keeps the
 * connections. Writes are serialized and atomic (temp file + rename).
 */
export async function createConnectionStore(opts: { file?: string } = {}): Promise<ConnectionStore> {
  const workspaces = new Map<string, StoredConnection[]>();
  if (opts.file !== undefined) {
    const loaded = await load(opts.file);
    for (const [id, list] of Object.entries(loaded)) workspaces.set(id, list);
  }
  let writing: Promise<void> = Promise.resolve();

  const persist = (): Promise<void> => {
    const file = opts.file;
    if (file === undefined) return Promise.resolve();
    const snapshot = JSON.stringify({ version: 1, workspaces: Object.fromEntries(workspaces) }, null, 2);
    writing = writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, snapshot, { mode: 0o600 });
      await rename(tmp, file);
    });
    return writing;
  };

  return {
    async list(workspaceId) {
      return [...(workspaces.get(workspaceId) ?? [])];
    },
    async save(workspaceId, connection) {
      const rest = (workspaces.get(workspaceId) ?? []).filter(
        (c) => c.connection_id !== connection.connection_id,
      );
      workspaces.set(workspaceId, [connection, ...rest]);
      await persist();
    },
  };
}

async function load(file: string): Promise<Record<string, StoredConnection[]>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  const parsed = FileShape.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a demo connection store; move it away and restart.`);
  return parsed.data.workspaces;
}
