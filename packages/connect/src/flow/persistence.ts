/** The subset of the Web Storage API the flow uses; `length` and `key` let it prune old entries. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

/** Where the user is in one session: never a credential, only ids and values the UI marked non-secret. */
export interface SavedPosition {
  screen: 'form' | 'handoff' | null;
  systemId: string | null;
  authMethod: string | null;
  values: Record<string, string>;
}

interface SavedFlow extends SavedPosition {
  /** When the session ends: the entry is useless after it and is pruned. */
  expires: string;
  /** Attempts whose success the host was told of (so a reload does not tell it twice). */
  delivered: string[];
}

const FLOW_PREFIX = 'flange:flow:';
const RECENT_KEY = 'flange:recent';
/** How many recently chosen systems are remembered. */
export const MAX_RECENT = 5;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readFlow(raw: string | null): SavedFlow | null {
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    const values: Record<string, string> = {};
    const rawValues = data['values'];
    if (rawValues && typeof rawValues === 'object') {
      for (const [k, v] of Object.entries(rawValues)) if (typeof v === 'string') values[k] = v;
    }
    const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : null);
    const screen = data['screen'];
    return {
      screen: screen === 'form' || screen === 'handoff' ? screen : null,
      systemId: str('systemId'),
      authMethod: str('authMethod'),
      values,
      expires: str('expires') ?? '',
      delivered: strings(data['delivered']),
    };
  } catch {
    return null;
  }
}

/**
 * Keeps, per session and across tabs (localStorage), where the user is (system, auth method, the values
 * the UI marks persistable such as the instance address) and which successes the host already heard of;
 * and, across sessions, the ids of recently chosen systems. Never a secret: the flow store writes only
 * keys the UI marked persistable. Storage may be missing or blocked (private mode, partitioned iframes):
 * every method then does nothing, and resuming is simply not offered.
 */
export function createPersistence(storage: KeyValueStorage | null, now: () => number = Date.now) {
  let key: string | null = null;
  let expires = '';
  let delivered: string[] = [];

  const write = (k: string, value: unknown): void => {
    try {
      storage?.setItem(k, JSON.stringify(value));
    } catch {
      // Quota or a blocked storage: resuming is a convenience only.
    }
  };
  const read = (k: string): string | null => {
    try {
      return storage?.getItem(k) ?? null;
    } catch {
      return null;
    }
  };

  /** Drop entries of sessions that have ended. */
  const prune = (): void => {
    if (!storage?.key || storage.length === undefined) return;
    try {
      const stale: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k?.startsWith(FLOW_PREFIX) && k !== key) {
          const entry = readFlow(storage.getItem(k));
          if (!entry || !(Date.parse(entry.expires) > now())) stale.push(k);
        }
      }
      for (const k of stale) storage.removeItem(k);
    } catch {
      // Best effort.
    }
  };

  return {
    /** Whether anything can be remembered at all. */
    available: storage !== null,

    bind(sessionId: string, sessionExpiresAt: string): void {
      key = `${FLOW_PREFIX}${sessionId}`;
      expires = sessionExpiresAt;
      delivered = readFlow(read(key))?.delivered ?? [];
      prune();
    },

    load(): SavedPosition | null {
      if (!key) return null;
      const saved = readFlow(read(key));
      if (!saved || !(Date.parse(saved.expires) > now())) return null;
      return {
        screen: saved.screen,
        systemId: saved.systemId,
        authMethod: saved.authMethod,
        values: saved.values,
      };
    },

    save(position: SavedPosition): void {
      if (!key) return;
      const entry: SavedFlow = { ...position, expires, delivered };
      write(key, entry);
    },

    isDelivered(attemptId: string): boolean {
      return delivered.includes(attemptId);
    },

    markDelivered(attemptId: string): void {
      if (!key || delivered.includes(attemptId)) return;
      delivered = [...delivered, attemptId];
      const empty: SavedPosition = { screen: null, systemId: null, authMethod: null, values: {} };
      write(key, { ...empty, ...readFlow(read(key)), expires, delivered } satisfies SavedFlow);
    },

    recent(): string[] {
      const raw = read(RECENT_KEY);
      try {
        return raw ? strings(JSON.parse(raw)).slice(0, MAX_RECENT) : [];
      } catch {
        return [];
      }
    },

    /** Put `systemId` first in the recently chosen list; returns the new list. */
    addRecent(systemId: string): string[] {
      const list = [systemId, ...this.recent().filter((id) => id !== systemId)].slice(0, MAX_RECENT);
      write(RECENT_KEY, list);
      return list;
    },
  };
}

export type Persistence = ReturnType<typeof createPersistence>;
