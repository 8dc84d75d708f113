import { createPrivateKey } from 'node:crypto';
import {
  createSigner,
  httpbis,
  type Request as LibraryRequest,
  type SignatureParameters,
} from 'http-message-signatures';
import { contentDigestOf } from '../content-digest.js';
import type { TransportKey } from '../signature-profile.js';
import { T0 } from './transport-fixture.js';

export interface SignedMessage {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/**
 * Signs with http-message-signatures directly, bypassing signRequest, so tests can produce what a
 * careless or foreign signer would: other components, other parameters, other orders.
 */
export async function librarySign(options: {
  key: TransportKey;
  method?: string;
  url?: string;
  body?: string;
  fields?: string[];
  params?: string[];
  paramValues?: SignatureParameters;
}): Promise<SignedMessage> {
  const message: LibraryRequest = {
    method: options.method ?? 'PUT',
    url: options.url ?? 'http://127.0.0.1:18700/v1/messages/0190',
    headers: { 'content-digest': contentDigestOf(options.body ?? '') },
  };
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: options.key.x, d: options.key.d };
  const signed = await httpbis.signMessage(
    {
      key: createSigner(createPrivateKey({ key: jwk, format: 'jwk' }), 'ed25519', options.key.kid),
      name: 'cds',
      fields: options.fields ?? ['@method', '@target-uri', '@authority', 'content-digest'],
      params: options.params ?? ['created', 'expires', 'nonce', 'keyid', 'alg'],
      paramValues: {
        created: new Date(T0),
        expires: new Date(T0 + 300_000),
        nonce: 'library-nonce-0123456789',
        alg: 'ed25519',
        ...options.paramValues,
      },
    },
    message,
  );
  return {
    method: message.method,
    url: String(message.url),
    headers: signed.headers as Record<string, string>,
  };
}
