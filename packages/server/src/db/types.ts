/** The SQL store every service uses: PostgreSQL dialect, implemented by PGlite (embedded) and pg (scale-out). */
export interface Db {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Run `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws.
   * Called on a transaction handle, it joins the enclosing transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
