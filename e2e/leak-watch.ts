import type { BrowserContext, CDPSession, Frame, Page, Response } from '@playwright/test';

/** One place a token was seen, for the failure message. */
export interface Leak {
  where: string;
  excerpt: string;
}

/**
 * Watches, for one browser context, everything the browser receives (response headers and bodies in
 * every page and frame, event streams chunk by chunk), every request it sends, and every postMessage any
 * frame sends or receives, looking for `mark`.
 */
export class LeakWatch {
  readonly leaks: Leak[] = [];
  /** Responses whose body could not be read: unchecked, so a test fails on them rather than trusting them. */
  readonly unread: string[] = [];
  responses = 0;
  messages = 0;
  private readonly pending: Promise<unknown>[] = [];
  private readonly seenTexts: { where: string; text: string }[] = [];
  private readonly tapped = new WeakSet<Page | Frame>();
  private readonly streams = new Map<
    string,
    { url: string; chunks: string[]; done: boolean; enabled: Promise<unknown> }
  >();

  constructor(private readonly mark: string) {}

  /** Start watching a context, before its pages load anything. */
  async attach(context: BrowserContext): Promise<void> {
    await context.exposeBinding('flangeLeakWatchReport', ({ frame }, kind: string, payload: string) => {
      this.messages++;
      this.check(`postMessage ${kind} in ${frame.url()}`, payload);
    });
    await context.addInitScript(postMessageHook);
    context.on('response', (res) => this.pending.push(this.inspect(res)));
    // What the browser sends, too: a page that held a token could only send it because it received it.
    context.on('request', (req) => this.check(`request ${req.method()} ${req.url()}`, req.postData() ?? ''));
    const watchPage = (page: Page): void => {
      this.pending.push(this.tap(context, page));
      // A cross-origin iframe runs in its own process, with its own network events.
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) this.pending.push(this.tap(context, frame));
      });
    };
    context.pages().forEach(watchPage);
    context.on('page', watchPage);
  }

  /**
   * Event streams are read chunk by chunk through the DevTools protocol: the widget stops reading an
   * attempt's stream at its last event, so the whole body is never available to `response.body()`.
   */
  private async tap(context: BrowserContext, target: Page | Frame): Promise<void> {
    if (this.tapped.has(target)) return;
    this.tapped.add(target);
    let cdp: CDPSession;
    try {
      cdp = await context.newCDPSession(target);
    } catch {
      return; // A same-process frame: its traffic is its page's, already tapped.
    }
    const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
    cdp.on('Network.responseReceived', (e) => {
      if (!e.response.mimeType.includes('event-stream')) return;
      const chunks: string[] = [];
      // If the stream ends before streaming is on, its data is lost: reported as unread, not assumed clean.
      const enabled: Promise<unknown> = cdp
        .send('Network.streamResourceContent', { requestId: e.requestId })
        .then((r) => chunks.unshift(decode(r.bufferedData)))
        .catch(() => this.unread.push(`${e.response.url} (event stream ended before it could be tapped)`));
      const stream = { url: e.response.url, chunks, done: false, enabled };
      this.streams.set(e.requestId, stream);
      this.pending.push(enabled);
    });
    cdp.on('Network.dataReceived', (e) => {
      const stream = this.streams.get(e.requestId);
      if (stream && e.data) stream.chunks.push(decode(e.data));
    });
    const finish = (e: { requestId: string }) => {
      const stream = this.streams.get(e.requestId);
      if (!stream || stream.done) return;
      stream.done = true;
      this.pending.push(
        stream.enabled.then(() => this.check(`${stream.url} (event stream)`, stream.chunks.join(''))),
      );
    };
    cdp.on('Network.loadingFinished', finish);
    cdp.on('Network.loadingFailed', finish);
    await cdp.send('Network.enable').catch(() => undefined);
  }

  private async inspect(res: Response): Promise<void> {
    this.responses++;
    const where = `${res.request().method()} ${res.url()} → ${res.status()}`;
    this.check(`${where} (headers)`, JSON.stringify(await res.allHeaders().catch(() => ({}))));
    const type = (await res.headerValue('content-type').catch(() => null)) ?? '';
    if (type.includes('event-stream')) return; // tapped above
    try {
      this.check(`${where} (body)`, (await res.body()).toString('utf8'));
    } catch {
      // Redirects and 204 No Content have no body (a 204 cut off by a navigation cannot be read back);
      // anything else we could not read is reported, not assumed clean.
      const status = res.status();
      if (status !== 204 && (status < 300 || status >= 400)) this.unread.push(where);
    }
  }

  /** Where another string was seen: proves the watch saw the traffic a token would travel in. */
  seen(other: string): string[] {
    return this.seenTexts.filter((t) => t.text.includes(other)).map((t) => t.where);
  }

  /** Record a finding when the text holds the mark. Exposed for the DOM and storage sweep. */
  check(where: string, text: string): void {
    this.seenTexts.push({ where, text });
    const at = text.indexOf(this.mark);
    if (at >= 0) this.leaks.push({ where, excerpt: text.slice(Math.max(0, at - 40), at + 60) });
  }

  /** Wait for every body being read, then close the streams still open (their text so far is checked). */
  async settle(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
    for (const [id] of this.streams) {
      const stream = this.streams.get(id);
      if (stream && !stream.done) {
        stream.done = true;
        this.check(`${stream.url} (event stream, still open)`, stream.chunks.join(''));
      }
    }
  }
}

/**
 * Runs in every frame of every page before the page's own scripts: reports each message the frame
 * receives and each postMessage it sends to itself through the exposed binding.
 */
function postMessageHook(): void {
  type Report = (kind: string, payload: string) => Promise<void>;
  const w = window as unknown as { flangeLeakWatchReport?: Report; flangeLeakWatchHooked?: boolean };
  if (w.flangeLeakWatchHooked) return;
  w.flangeLeakWatchHooked = true;
  const describe = (data: unknown): string => {
    try {
      return typeof data === 'string' ? data : JSON.stringify(data);
    } catch {
      return String(data);
    }
  };
  const report = (kind: string, data: unknown): void => {
    void w.flangeLeakWatchReport?.(kind, describe(data))?.catch(() => undefined);
  };
  // Capture phase, registered before any page script: nothing can stop a message before we see it.
  window.addEventListener('message', (e) => report(`received from ${e.origin}`, e.data), true);
  const native = window.postMessage as unknown as (...args: unknown[]) => void;
  const wrapped = function (this: unknown, ...args: unknown[]): void {
    report('sent', args[0]);
    native.apply(this, args);
  };
  try {
    window.postMessage = wrapped as typeof window.postMessage;
  } catch {
    // A frozen window: the 'message' listener above still sees what arrives.
  }
}
