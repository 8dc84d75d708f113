import { AppError } from '@cds/domain';
import type { HeaderBag } from './parse-signature.js';

/** What requestUrl needs of an incoming request; a FastifyRequest has all of it. */
export interface IncomingRequestLike {
  /** `http` or `https`, as Fastify reports it (honouring trustProxy). */
  readonly protocol: string;
  /** Fastify's `request.host`: Host, or X-Forwarded-Host under trustProxy, or HTTP/2 :authority. */
  readonly host?: string;
  readonly headers: HeaderBag;
  /** The raw request target, path and query. */
  readonly url: string;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * The absolute URL the client addressed, for `@target-uri` and `@authority`. The raw target must
 * already be in the form a WHATWG URL serialises it to (what fetch sends): otherwise `/a/../b`
 * would verify as a signature over `/b` while the router matched the raw path.
 */
export function requestUrl(request: IncomingRequestLike): string {
  const protocol = request.protocol.replace(/:$/, '');
  if (protocol !== 'http' && protocol !== 'https') throw invalid(`unsupported scheme ${protocol}`);
  const host =
    request.host ?? firstHeader(request.headers.host) ?? firstHeader(request.headers[':authority']);
  if (host === undefined || !HOST.test(host)) throw invalid('the Host header is missing or malformed');
  if (!request.url.startsWith('/')) throw invalid('the request target must be in origin form');
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}${request.url}`);
  } catch (error) {
    throw new AppError(
      'transport.signature_invalid',
      { detail: 'the request URL does not parse' },
      { cause: error },
    );
  }
  if (`${url.pathname}${url.search}` !== request.url) {
    throw invalid('the request target is not in normalised form');
  }
  return url.href;
}

function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function invalid(detail: string): AppError {
  return new AppError('transport.signature_invalid', { detail });
}
