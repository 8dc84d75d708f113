import { describe, expect, it } from 'vitest';
import { contentDigestOf } from './content-digest.js';
import { signRequest } from './sign-request.js';
import { librarySign } from './testing/library-signer.js';
import { MemoryNonceStore } from './testing/memory-nonce-store.js';
import { keyDirectory, newTestKey, T0 } from './testing/transport-fixture.js';
import { verifyRequest } from './verify-request.js';

const NODE = newTestKey('t-node-123456');
const IMPOSTOR = newTestKey(NODE.kid);
const STRANGER = newTestKey('t-stranger');
const lookupKey = keyDirectory([[NODE, '123456']]);
const TARGET = 'http://127.0.0.1:18700/v1/messages/0190';

interface TestRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

async function genuine(key = NODE): Promise<TestRequest> {
  const headers = await signRequest({
    method: 'PUT',
    url: TARGET,
    bodyDigest: contentDigestOf('body'),
    key,
    now: T0,
  });
  return { method: 'PUT', url: TARGET, headers: { ...headers } };
}

function without(request: TestRequest, header: string): TestRequest {
  const { [header]: _dropped, ...headers } = request.headers;
  return { ...request, headers };
}

function refusalOf(request: TestRequest): Promise<unknown> {
  return verifyRequest({ ...request, now: T0, lookupKey, nonces: new MemoryNonceStore(() => T0) }).then(
    () => 'accepted',
    (error: unknown) => error,
  );
}

// Literal table: each way a request can be wrong, and the one code the hub must answer with.
const CASES: ReadonlyArray<readonly [string, () => Promise<TestRequest>, string]> = [
  [
    'no signature headers at all',
    async () => without(without(await genuine(), 'Signature'), 'Signature-Input'),
    'transport.signature_missing',
  ],
  ['no Signature', async () => without(await genuine(), 'Signature'), 'transport.signature_missing'],
  [
    'no Signature-Input',
    async () => without(await genuine(), 'Signature-Input'),
    'transport.signature_missing',
  ],
  ['no Content-Digest', async () => without(await genuine(), 'Content-Digest'), 'transport.bad_digest'],
  [
    'Signature under another label',
    async () => relabel(await genuine(), 'sig1'),
    'transport.signature_missing',
  ],
  [
    'Signature-Input not a dictionary',
    async () => set(await genuine(), 'Signature-Input', '("@method")'),
    'transport.signature_invalid',
  ],
  [
    'Signature without base64 padding',
    async () => edit(await genuine(), 'Signature', (v) => v.replace('==:', ':')),
    'transport.signature_invalid',
  ],
  [
    'Signature with a space after the label',
    async () => edit(await genuine(), 'Signature', (v) => v.replace('cds=', 'cds= ')),
    'transport.signature_invalid',
  ],
  [
    'Signature of 32 bytes',
    async () => set(await genuine(), 'Signature', `cds=:${Buffer.alloc(32).toString('base64')}:`),
    'transport.signature_invalid',
  ],
  [
    'alg ed448',
    () => librarySign({ key: NODE, body: 'body', paramValues: { alg: 'ed448' } }),
    'transport.unsupported_algorithm',
  ],
  [
    'alg hmac-sha256',
    () => librarySign({ key: NODE, body: 'body', paramValues: { alg: 'hmac-sha256' } }),
    'transport.unsupported_algorithm',
  ],
  [
    'no alg parameter',
    () => librarySign({ key: NODE, body: 'body', params: ['created', 'expires', 'nonce', 'keyid'] }),
    'transport.signature_invalid',
  ],
  [
    'no nonce parameter',
    () => librarySign({ key: NODE, body: 'body', params: ['created', 'expires', 'keyid', 'alg'] }),
    'transport.signature_invalid',
  ],
  [
    'no expires parameter',
    () => librarySign({ key: NODE, body: 'body', params: ['created', 'nonce', 'keyid', 'alg'] }),
    'transport.signature_invalid',
  ],
  [
    'a 64-bit nonce',
    () => librarySign({ key: NODE, body: 'body', paramValues: { nonce: 'AAAAAAAAAAA' } }),
    'transport.signature_invalid',
  ],
  [
    'a lifetime of 301 s',
    () => librarySign({ key: NODE, body: 'body', paramValues: { expires: new Date(T0 + 301_000) } }),
    'transport.signature_invalid',
  ],
  [
    'expires before created',
    () => librarySign({ key: NODE, body: 'body', paramValues: { expires: new Date(T0 - 1_000) } }),
    'transport.signature_invalid',
  ],
  [
    'content-digest not covered',
    () => librarySign({ key: NODE, body: 'body', fields: ['@method', '@target-uri', '@authority'] }),
    'transport.signature_components',
  ],
  [
    '@target-uri not covered',
    () => librarySign({ key: NODE, body: 'body', fields: ['@method', '@authority', 'content-digest'] }),
    'transport.signature_components',
  ],
  [
    '@path instead of @target-uri',
    () =>
      librarySign({ key: NODE, body: 'body', fields: ['@method', '@path', '@authority', 'content-digest'] }),
    'transport.signature_components',
  ],
  [
    'an extra component',
    () =>
      librarySign({
        key: NODE,
        body: 'body',
        fields: ['@method', '@target-uri', '@authority', 'content-digest', '@scheme'],
      }),
    'transport.signature_components',
  ],
  [
    'a component with parameters',
    () =>
      librarySign({
        key: NODE,
        body: 'body',
        fields: ['@method', '@target-uri', '@authority', '"content-digest";sf'],
      }),
    'transport.signature_components',
  ],
  [
    'a component covered twice',
    () =>
      librarySign({
        key: NODE,
        body: 'body',
        fields: ['@method', '@method', '@target-uri', '@authority', 'content-digest'],
      }),
    'transport.signature_invalid',
  ],
  ['an unknown keyid', () => genuine(STRANGER), 'transport.unknown_key'],
  ['another key under the same keyid', () => genuine(IMPOSTOR), 'transport.bad_signature'],
  ['the method changed', async () => ({ ...(await genuine()), method: 'POST' }), 'transport.bad_signature'],
  [
    'the path changed',
    async () => ({ ...(await genuine()), url: TARGET.replace('0190', '0191') }),
    'transport.bad_signature',
  ],
  ['a query added', async () => ({ ...(await genuine()), url: `${TARGET}?x=1` }), 'transport.bad_signature'],
  [
    'the authority changed',
    async () => ({ ...(await genuine()), url: TARGET.replace('18700', '18701') }),
    'transport.bad_signature',
  ],
  [
    'the scheme changed',
    async () => ({ ...(await genuine()), url: TARGET.replace('http:', 'https:') }),
    'transport.bad_signature',
  ],
  [
    'the Content-Digest changed',
    async () => set(await genuine(), 'Content-Digest', contentDigestOf('other')),
    'transport.bad_signature',
  ],
  [
    'the created time changed',
    async () =>
      edit(await genuine(), 'Signature-Input', (v) =>
        v.replace(`created=${T0 / 1000}`, `created=${T0 / 1000 + 1}`),
      ),
    'transport.bad_signature',
  ],
];

function set(request: TestRequest, header: string, value: string): TestRequest {
  return { ...request, headers: { ...request.headers, [header]: value } };
}

function edit(request: TestRequest, header: string, change: (value: string) => string): TestRequest {
  return set(request, header, change(request.headers[header] ?? ''));
}

function relabel(request: TestRequest, label: string): TestRequest {
  const renamed = (value: string) => value.replace(/^cds=/, `${label}=`);
  return edit(edit(request, 'Signature', renamed), 'Signature-Input', renamed);
}

describe('verifyRequest refuses each fault with its own code', () => {
  it('accepts the genuine request these cases start from', async () => {
    expect(await refusalOf(await genuine())).toBe('accepted');
  });

  it.each(CASES)('%s → %s', async (_name, make, code) => {
    expect(await refusalOf(await make())).toMatchObject({ name: 'AppError', code });
  });
});
