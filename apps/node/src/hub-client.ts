import { createHash } from 'node:crypto';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '@cds/domain';
import { contentDigestFromHex, signRequest, type TransportKey } from '@cds/transport';

export interface HubClientOptions {
  /** The hub URL and its fallbacks (聯遞系統延伸網址), tried in order on network failure. */
  readonly urls: readonly string[];
  readonly key: TransportKey;
  readonly now: () => number;
  readonly timeoutMs?: number;
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
    return this.jsonRequest<T>('GET', path, undefined, signed);
  }

  async postJson<T>(path: string, body: unknown): Promise<T> {
    return this.jsonRequest<T>('POST', path, Buffer.from(JSON.stringify(body), 'utf8'), true);
  }

  private async jsonRequest<T>(
    method: string,
    path: string,
    body: Buffer | undefined,
    signed: boolean,
  ): Promise<T> {
    let lastError: unknown;
    for (const base of this.options.urls) {
      const url = new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body) headers['content-type'] = 'application/json';
      if (signed) {
        const digest = body
          ? contentDigestFromHex(createHash('sha256').update(body).digest('hex'))
          : undefined;
        Object.assign(
          headers,
          await signRequest({
            method,
            url,
            key: this.options.key,
            now: this.options.now(),
            ...(digest ? { bodyDigest: digest } : {}),
          }),
        );
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          ...(body ? { body } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        lastError = new AppError(
          'transport.hub_unreachable',
          { url: base, detail: describeNetworkError(error) },
          { cause: error },
        );
        continue;
      }
      return (await this.read(response)) as T;
    }
    throw (
      lastError ??
      new AppError('transport.hub_unreachable', { url: '(none configured)', detail: 'no hub URL' })
    );
  }

  private async read(response: Response): Promise<unknown> {
    const text = await response.text();
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
    if (error && isKnownCode(error.code)) throw new AppError(error.code, error.details ?? {});
    throw new AppError('transport.hub_refused', {
      status: response.status,
      detail: error?.message ?? text.slice(0, 200),
    });
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
