/** A small HTTP client for the scenario and benchmarks: one cookie per party, statements read from Server-Timing. */
export interface Reply {
  status: number;
  body: unknown;
  statements: number;
  headers: Headers;
  raw?: Buffer;
}

export class PartyClient {
  private cookie: string | null = null;
  constructor(
    readonly base: string,
    readonly name: string,
  ) {}

  async request(method: string, path: string, body?: unknown, opts: { raw?: Buffer; query?: Record<string, string>; contentType?: string } = {}): Promise<Reply> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: BodyInit | undefined;
    if (opts.raw) {
      headers['content-type'] = opts.contentType ?? 'application/octet-stream';
      payload = new Uint8Array(opts.raw);
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(url, { method, headers, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const type = res.headers.get('content-type') ?? '';
    const buf = Buffer.from(await res.arrayBuffer());
    const parsed = /json/.test(type) && buf.length ? JSON.parse(buf.toString('utf8')) : undefined;
    const m = /statements=(\d+)/.exec(res.headers.get('server-timing') ?? '');
    return { status: res.status, body: parsed, statements: m ? Number(m[1]) : 0, headers: res.headers, raw: buf };
  }

  /** The session cookie, for clients that speak HTTP themselves (the benchmark's keep-alive client). */
  get sessionCookie(): string | null {
    return this.cookie;
  }

  async signIn(username: string, password: string): Promise<Reply> {
    return this.request('POST', '/api/v1/session', { username, password });
  }
}
