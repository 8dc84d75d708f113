import { createSigner, httpbis, type Request as LibraryRequest } from 'http-message-signatures';
import { AppError } from '@cds/domain';
import { EMPTY_BODY_DIGEST, sha256HexOfContentDigest } from './content-digest.js';
import {
  assertUsableNonce,
  COVERED_COMPONENTS,
  newNonce,
  privateKeyOf,
  SIGNATURE_ALG,
  SIGNATURE_LABEL,
  SIGNATURE_PARAMS,
  SIGNATURE_VALIDITY_SECONDS,
  type TransportKey,
} from './signature-profile.js';

export interface SignRequestInput {
  readonly method: string;
  /** The absolute URL the node addresses, e.g. `http://127.0.0.1:8700/v1/messages/…`. */
  readonly url: string | URL;
  /** The request's other headers; only a Content-Digest among them is used (when bodyDigest is absent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `sha-256=:…:` computed beforehand (contentDigestFromHex for a blob); absent means no body. */
  readonly bodyDigest?: string;
  readonly key: TransportKey;
  /** Epoch milliseconds; `created` is its whole second. */
  readonly now: number;
  readonly nonce?: string;
}

export interface SignatureHeaders {
  readonly 'Content-Digest': string;
  readonly 'Signature-Input': string;
  readonly Signature: string;
}

/**
 * Signs before the body is sent: the digest is all the signature needs, so a large payload can be
 * streamed from disk afterwards. Ed25519 is deterministic, so equal inputs give equal headers.
 */
export async function signRequest(input: SignRequestInput): Promise<SignatureHeaders> {
  const url = new URL(input.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('validation.failed', { detail: `cannot sign a ${url.protocol} URL` });
  }
  const contentDigest = chooseDigest(input);
  sha256HexOfContentDigest(contentDigest);
  const nonce = input.nonce ?? newNonce();
  assertUsableNonce(nonce);
  const created = Math.floor(input.now / 1000);
  const message: LibraryRequest = {
    method: input.method,
    url: url.href,
    headers: { 'content-digest': contentDigest },
  };

  const signed = await httpbis.signMessage(
    {
      key: createSigner(privateKeyOf(input.key), SIGNATURE_ALG, input.key.kid),
      name: SIGNATURE_LABEL,
      fields: [...COVERED_COMPONENTS],
      params: [...SIGNATURE_PARAMS],
      paramValues: {
        created: new Date(created * 1000),
        expires: new Date((created + SIGNATURE_VALIDITY_SECONDS) * 1000),
        nonce,
        keyid: input.key.kid,
        alg: SIGNATURE_ALG,
      },
    },
    message,
  );
  return {
    'Content-Digest': contentDigest,
    'Signature-Input': single(signed.headers['Signature-Input']),
    Signature: single(signed.headers.Signature),
  };
}

function chooseDigest(input: SignRequestInput): string {
  const fromHeaders = Object.entries(input.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-digest',
  )?.[1];
  if (input.bodyDigest !== undefined && fromHeaders !== undefined && fromHeaders !== input.bodyDigest) {
    throw new AppError('validation.failed', { detail: 'bodyDigest and the Content-Digest header differ' });
  }
  return input.bodyDigest ?? fromHeaders ?? EMPTY_BODY_DIGEST;
}

function single(value: string | string[] | undefined): string {
  if (typeof value !== 'string') {
    throw new AppError('internal.unexpected', { detail: 'the signer produced no single header value' });
  }
  return value;
}
