/** A page of a list: the items and the cursor of the next page (null on the last). */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Every item of a list, page after page: `for await (const c of flange.connections.listAll())`. Pages are
 * fetched as the loop reaches them, so breaking out early fetches no more.
 */
export async function* paginate<T, Q extends object>(
  fetchPage: (query: Q & { cursor?: string }) => Promise<Page<T>>,
  query: Q,
): AsyncGenerator<T, void, undefined> {
  let cursor = (query as { cursor?: string }).cursor;
  do {
    const page = await fetchPage(cursor === undefined ? query : { ...query, cursor });
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
