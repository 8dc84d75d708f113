import { generateKeyPairSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { TransportKey, TransportPublicJwk } from '../signature-profile.js';
import type { LookupTransportKey } from '../verify-request.js';

/** A fixed hub instant far from the wall clock, so no test passes by accident of the real time. */
export const T0 = Date.parse('2026-03-02T01:00:00.000Z');

/** RFC 9421 Appendix B.1.4 test-key-ed25519, published for interoperability tests. */
export const RFC9421_TEST_KEY: TransportKey = {
  kty: 'OKP',
  crv: 'Ed25519',
  d: 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU',
  x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs',
  kid: 'test-key-ed25519',
};

export function newTestKey(kid: string): TransportKey {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x ?? '', d: jwk.d ?? '', kid };
}

export function publicJwkOf(key: TransportKey): TransportPublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: key.x };
}

/** The hub's view: keyid → (public key, party), as the participants table would answer. */
export function keyDirectory(entries: ReadonlyArray<readonly [TransportKey, string]>): LookupTransportKey {
  const byKid = new Map(entries.map(([key, party]) => [key.kid, { publicJwk: publicJwkOf(key), party }]));
  return (keyid) => Promise.resolve(byKid.get(keyid) ?? null);
}

/** What the test hub answers: a refusal's code and details, or what the route saw. */
export interface HubAnswer {
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly party?: string;
  readonly bytes?: number;
}

export interface RawResponse {
  readonly status: number;
  readonly body: HubAnswer | null;
}

/** node:http, because fetch neither lets a test set Host nor send a non-normalised path. */
export function rawRequest(
  port: number,
  options: { method: string; path: string; headers: Record<string, string>; body?: Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? null : (JSON.parse(text) as HubAnswer),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
