import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '@cds/domain';
import { contentDigestFromHex, signRequest, type TransportKey } from '@cds/transport';

export interface HubClientOptions {
  /** The hub URL and its fallbacks (聯遞系統延伸網址), tried in order on network failure. */
  readonly urls: readonly string[];
  readonly key: TransportKey;
  readonly now: () => number;
  readonly timeoutMs?: number;
}

/** A body streamed from disk: its digest is known beforehand, so the signature can precede it. */
export interface StreamedBody {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  /** Called once per attempt: a fallback URL gets the body again from its first byte. */
  open(): Promise<Readable>;
}

interface SendInit {
  readonly body?: StreamedBody | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signed: boolean;
  /** Whole-request limit; streams have none (undici's idle timeouts still apply). */
  readonly timeoutMs: number | null;
}

/** The HTTP status of every error that is the hub's answer, as opposed to a local or network fault. */
const hubStatuses = new WeakMap<AppError, number>();

/** The hub's HTTP status when `error` is the hub refusing a request; undefined for any other error. */
export function hubStatusOf(error: unknown): number | undefined {
  return error instanceof AppError ? hubStatuses.get(error) : undefined;
}

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);
}

/**
 * The node's side of the hub API. Every request is signed with the transport key (RFC 9421); a hub
 * refusal keeps the hub's own error code so the user sees the real reason; a network failure on
 * every URL is transport.hub_unreachable.
 */
export class HubClient {
  private readonly options: HubClientOptions;

  constructor(options: HubClientOptions) {
    this.options = options;
  }

  async getJson<T>(path: string, signed = true): Promise<T> {
    const { response } = await this.send('GET', path, { signed, timeoutMs: this.timeout() });
    return (await this.read(response)) as T;
  }

  async postJson<T>(path: string, body: unknown): Promise<T> {
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    const { response } = await this.send('POST', path, {
      body: bytes,
      headers: { 'content-type': 'application/json' },
      signed: true,
      timeoutMs: this.timeout(),
    });
    return (await this.read(response)) as T;
  }

  /** PUT of a large body straight from the blob store; answered with JSON. */
  async putStream<T>(
    path: string,
    body: StreamedBody,
    headers: Readonly<Record<string, string>>,
  ): Promise<T> {
    const { response, stream } = await this.send('PUT', path, {
      body,
      headers,
      signed: true,
      timeoutMs: null,
    });
    try {
      return (await this.read(response)) as T;
    } finally {
      // A hub that refuses early answers before reading the body; the file must not stay open.
      stream?.destroy();
    }
  }

  /**
   * GET of a large body into `sink`, from byte `start` on (HTTP Range) so a broken download can
   * resume. The sink must read the stream to its end or destroy it.
   */
  async download<T>(
    path: string,
    sink: (body: Readable, status: number) => Promise<T>,
    start = 0,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/octet-stream' };
    if (start > 0) headers['range'] = `bytes=${start}-`;
    const { response } = await this.send('GET', path, { headers, signed: true, timeoutMs: null });
    if (!response.ok || response.body === null) return (await this.read(response)) as never;
    return sink(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), response.status);
  }

  private timeout(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  private async send(
    method: string,
    path: string,
    init: SendInit,
  ): Promise<{ response: Response; stream?: Readable }> {
    let lastError: AppError | undefined;
    for (const base of this.options.urls) {
      const url = new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      const sha256 = bodySha256(init.body);
      if (init.signed) {
        const signature = await signRequest({
          method,
          url,
          key: this.options.key,
          now: this.options.now(),
          ...(sha256 ? { bodyDigest: contentDigestFromHex(sha256) } : {}),
        });
        Object.assign(headers, signature);
      }
      let body: Buffer | Readable | undefined;
      if (Buffer.isBuffer(init.body)) body = init.body;
      else if (init.body) {
        headers['content-type'] = init.body.mediaType;
        headers['content-length'] = String(init.body.size);
        body = await init.body.open();
      }
      try {
        const response = await fetch(url, {
          method,
          headers,
          ...(body ? { body, duplex: 'half' as const } : {}),
          ...(init.timeoutMs !== null ? { signal: AbortSignal.timeout(init.timeoutMs) } : {}),
        });
        return body instanceof Readable ? { response, stream: body } : { response };
      } catch (error) {
        if (body instanceof Readable) body.destroy();
        lastError = unreachable(base, error);
      }
    }
    throw lastError ?? new AppError('transport.hub_unreachable', { reason: 'hub_url.none' });
  }

  private async read(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw unreachable(new URL(response.url).origin, error);
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (response.ok) return parsed;
    const error = (
      parsed as {
        error?: {
          code?: unknown;
          details?: Record<string, string | number | boolean | null>;
          message?: string;
        };
      } | null
    )?.error;
    const refusal =
      error && isKnownCode(error.code)
        ? new AppError(error.code, error.details ?? {})
        : new AppError('transport.hub_refused', {
            status: response.status,
            detail: error?.message ?? text.slice(0, 200),
          });
    hubStatuses.set(refusal, response.status);
    throw refusal;
  }
}

function bodySha256(body: StreamedBody | Buffer | undefined): string | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return createHash('sha256').update(body).digest('hex');
  return body.sha256;
}

function unreachable(url: string, error: unknown): AppError {
  return new AppError(
    'transport.hub_unreachable',
    { url, detail: describeNetworkError(error) },
    { cause: error },
  );
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
