import { createPrivateKey, sign, verify } from 'node:crypto';
import { createVerifier, httpbis } from 'http-message-signatures';
import { describe, expect, it } from 'vitest';
import { contentDigestOf } from './content-digest.js';
import { signRequest } from './sign-request.js';
import { signatureBase } from './signature-base.js';
import { publicKeyOf } from './signature-profile.js';
import { serializeItem, serializeMember } from './structured-fields-serialize.js';
import { parseDictionary } from './structured-fields.js';
import { librarySign } from './testing/library-signer.js';
import { MemoryNonceStore } from './testing/memory-nonce-store.js';
import { keyDirectory, newTestKey, publicJwkOf, RFC9421_TEST_KEY, T0 } from './testing/transport-fixture.js';
import { verifyRequest } from './verify-request.js';

const NODE = newTestKey('t-node-654321');
const lookupKey = keyDirectory([[NODE, '654321']]);
const TARGET = 'http://127.0.0.1:18700/v1/messages/0190';

describe('RFC 9421 Appendix B.2.6 (ed25519), an independent implementation', () => {
  const signatureInput =
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
  const signature =
    'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==';
  const rfcBase = [
    '"date": Tue, 20 Apr 2021 02:07:55 GMT',
    '"@method": POST',
    '"@path": /foo',
    '"@authority": example.com',
    '"content-type": application/json',
    '"content-length": 18',
    '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  ].join('\n');

  it('our parser and base construction give the RFC signature base, and the RFC signature verifies', () => {
    const member = parseDictionary(signatureInput).get('sig-b26');
    if (member?.kind !== 'inner-list') throw new Error('sig-b26 is an inner list');
    const base = signatureBase(
      {
        method: 'POST',
        url: 'https://example.com/foo?param=Value&Pet=dog',
        headers: {
          Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
          'Content-Type': 'application/json',
          'Content-Length': '18',
        },
      },
      member.items.map(serializeItem),
      serializeMember(member),
    );
    expect(base).toBe(rfcBase);
    const publicKey = publicKeyOf(publicJwkOf(RFC9421_TEST_KEY));
    expect(verify(null, Buffer.from(base), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    const privateKey = createPrivateKey({ key: { ...RFC9421_TEST_KEY }, format: 'jwk' });
    expect(sign(null, Buffer.from(rfcBase), privateKey).toString('base64')).toBe(signature);
  });
});

describe('interoperability with http-message-signatures and a hand-written signer', () => {
  it('our verifier accepts the library signer, components and parameters in another order', async () => {
    const signed = await librarySign({
      key: NODE,
      url: TARGET,
      body: 'payload',
      fields: ['content-digest', '@authority', '@target-uri', '@method'],
      params: ['keyid', 'alg', 'nonce', 'created', 'expires'],
      paramValues: { keyid: NODE.kid },
    });
    expect(signed.headers['Signature-Input']).toMatch(/^cds=\("content-digest" "@authority"/);
    const nonces = new MemoryNonceStore(() => T0);
    await expect(verifyRequest({ ...signed, now: T0, lookupKey, nonces })).resolves.toMatchObject({
      party: '654321',
      contentDigest: contentDigestOf('payload'),
    });
  });

  it("the library's verifier accepts our signatures and refuses a changed one", async () => {
    const now = Date.now(); // the library checks expiry against the wall clock
    const headers = await signRequest({
      method: 'PUT',
      url: TARGET,
      bodyDigest: contentDigestOf('x'),
      key: NODE,
      now,
    });
    const config = {
      keyLookup: () =>
        Promise.resolve({
          id: NODE.kid,
          algs: ['ed25519'],
          verify: createVerifier(publicKeyOf(publicJwkOf(NODE)), 'ed25519'),
        }),
      requiredFields: ['@method', '@target-uri', '@authority', 'content-digest'],
      requiredParams: ['created', 'expires', 'nonce', 'keyid', 'alg'],
    };
    await expect(
      httpbis.verifyMessage(config, { method: 'PUT', url: TARGET, headers: { ...headers } }),
    ).resolves.toBe(true);
    await expect(
      httpbis.verifyMessage(config, { method: 'POST', url: TARGET, headers: { ...headers } }),
    ).resolves.toBe(false);
  });

  it('our verifier accepts a signature built by hand from RFC 9421 §2.5 with node:crypto only', async () => {
    const digest = contentDigestOf('');
    const params = `("@method" "@target-uri" "@authority" "content-digest");created=${T0 / 1000};expires=${T0 / 1000 + 120};nonce="hand-written-nonce-000001";keyid="${NODE.kid}";alg="ed25519"`;
    const base = [
      '"@method": GET',
      `"@target-uri": ${TARGET}`,
      '"@authority": 127.0.0.1:18700',
      `"content-digest": ${digest}`,
      `"@signature-params": ${params}`,
    ].join('\n');
    const privateKey = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: NODE.x, d: NODE.d },
      format: 'jwk',
    });
    const headers = {
      'content-digest': digest,
      'signature-input': `cds=${params}`,
      signature: `cds=:${sign(null, Buffer.from(base), privateKey).toString('base64')}:`,
    };
    const nonces = new MemoryNonceStore(() => T0);
    await expect(
      verifyRequest({ method: 'GET', url: TARGET, headers, now: T0, lookupKey, nonces }),
    ).resolves.toMatchObject({
      party: '654321',
      keyid: NODE.kid,
    });
  });
});
