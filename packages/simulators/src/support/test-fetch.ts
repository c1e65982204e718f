/** Parsed JSON as tests read it: any nested field, without casts (the assertions check the values). */
// oxlint-disable-next-line typescript/no-explicit-any -- test-only: nested reads are what the assertions verify
export type LooseJson = any;

/** A fetch wrapper for simulator tests: status, headers, text and parsed JSON (when it parses). */
export async function call(
  url: string,
  init: RequestInit & { basic?: [string, string] } = {},
): Promise<{ status: number; headers: Headers; text: string; json: LooseJson }> {
  const headers = new Headers(init.headers);
  if (init.basic)
    headers.set(
      'authorization',
      `Basic ${Buffer.from(`${init.basic[0]}:${init.basic[1]}`).toString('base64')}`,
    );
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let json: LooseJson;
  try {
    json = JSON.parse(text) as LooseJson;
  } catch {
    json = {};
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A form-encoded POST body. */
export function form(values: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values),
  };
}
