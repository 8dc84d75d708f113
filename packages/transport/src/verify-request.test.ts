import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDigestOf } from './content-digest.js';
import { signRequest } from './sign-request.js';
import { publicKeyOf } from './signature-profile.js';
import { MemoryNonceStore } from './testing/memory-nonce-store.js';
import { keyDirectory, newTestKey, publicJwkOf, RFC9421_TEST_KEY, T0 } from './testing/transport-fixture.js';
import { verifyRequest } from './verify-request.js';

const NODE = newTestKey('t-node-123456');
const lookupKey = keyDirectory([[NODE, '123456']]);
const TARGET = 'http://127.0.0.1:18700/v1/messages/0190?part=1';

interface TestRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

async function signed(options: { method?: string; body?: string; now?: number } = {}): Promise<TestRequest> {
  const method = options.method ?? 'PUT';
  const headers = await signRequest({
    method,
    url: TARGET,
    ...(options.body === undefined ? {} : { bodyDigest: contentDigestOf(options.body) }),
    key: NODE,
    now: options.now ?? T0,
  });
  return { method, url: TARGET, headers: { ...headers } };
}

function verifyAt(request: TestRequest, now = T0, nonces = new MemoryNonceStore(() => now)) {
  return verifyRequest({ ...request, now, lookupKey, nonces });
}

describe('verifyRequest accepts what signRequest signs', () => {
  it('returns the party, the key and the signed digest', async () => {
    const put = await signed({ body: 'payload' });
    await expect(verifyAt(put)).resolves.toEqual({
      party: '123456',
      keyid: NODE.kid,
      contentDigest: contentDigestOf('payload'),
      sha256Hex: createHash('sha256').update('payload').digest('hex'),
      created: T0,
    });
    const get = await signed({ method: 'GET' });
    expect(get.headers['Content-Digest']).toBe('sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:');
    await expect(verifyAt(get)).resolves.toMatchObject({ party: '123456' });
  });

  it('produces exactly the RFC 9421 fields and signature base of the CDS profile', async () => {
    const headers = await signRequest({
      method: 'POST',
      url: 'https://example.com/foo?param=Value&Pet=dog',
      bodyDigest: contentDigestOf('{"hello": "world"}'),
      key: RFC9421_TEST_KEY,
      now: 1618884473_999,
      nonce: 'b3k2pp5k7z-50gnwp_yemd0',
    });
    const params =
      '("@method" "@target-uri" "@authority" "content-digest");created=1618884473;expires=1618884773' +
      ';nonce="b3k2pp5k7z-50gnwp_yemd0";keyid="test-key-ed25519";alg="ed25519"';
    expect(headers['Signature-Input']).toBe(`cds=${params}`);
    expect(headers['Content-Digest']).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    // Written out by hand from RFC 9421 §2.5; verified with node:crypto alone, not the library.
    const base = [
      '"@method": POST',
      '"@target-uri": https://example.com/foo?param=Value&Pet=dog',
      '"@authority": example.com',
      '"content-digest": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
      `"@signature-params": ${params}`,
    ].join('\n');
    const signature = /^cds=:([A-Za-z0-9+/=]+):$/.exec(headers.Signature)?.[1] ?? '';
    expect(
      verify(
        null,
        Buffer.from(base),
        publicKeyOf(publicJwkOf(RFC9421_TEST_KEY)),
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
  });
});

describe('verifyRequest time window', () => {
  it('accepts until expires and is stale one millisecond later, showing both clocks', async () => {
    const request = await signed({ now: T0 });
    await expect(verifyAt(request, T0 + 300_000)).resolves.toMatchObject({ party: '123456' });
    await expect(verifyAt(request, T0 + 300_001)).rejects.toMatchObject({
      code: 'transport.stale_signature',
      details: {
        hubTime: '2026-03-02T01:05:00.001Z',
        requestCreated: '2026-03-02T01:00:00.000Z',
        requestExpires: '2026-03-02T01:05:00.000Z',
      },
    });
  });

  it('accepts a node clock up to 300 s ahead and refuses beyond with both clocks', async () => {
    await expect(verifyAt(await signed({ now: T0 + 300_000 }))).resolves.toMatchObject({ party: '123456' });
    await expect(verifyAt(await signed({ now: T0 + 301_000 }))).rejects.toMatchObject({
      code: 'transport.clock_skew',
      details: {
        hubTime: '2026-03-02T01:00:00.000Z',
        requestCreated: '2026-03-02T01:05:01.000Z',
        maxSkewSeconds: 300,
        skewSeconds: 301,
      },
    });
  });

  it('honours a stricter maxSkewSeconds', async () => {
    const request = await signed({ now: T0 + 61_000 });
    const nonces = new MemoryNonceStore(() => T0);
    await expect(
      verifyRequest({ ...request, now: T0, lookupKey, nonces, maxSkewSeconds: 60 }),
    ).rejects.toMatchObject({ code: 'transport.clock_skew', details: { maxSkewSeconds: 60 } });
  });
});

describe('verifyRequest replay protection', () => {
  it('refuses the same request twice, but not the same nonce under another key', async () => {
    const nonces = new MemoryNonceStore(() => T0);
    const request = await signed({ body: 'x' });
    await expect(verifyAt(request, T0, nonces)).resolves.toMatchObject({ party: '123456' });
    await expect(verifyAt(request, T0 + 1_000, nonces)).rejects.toMatchObject({ code: 'transport.replayed' });
    await expect(verifyAt(await signed({ body: 'x' }), T0, nonces)).resolves.toMatchObject({
      party: '123456',
    });
    expect(await nonces.remember('t-other', 'x'.repeat(22), T0)).toBe(true);
    expect(await nonces.remember('t-other', 'x'.repeat(22), T0)).toBe(false);
  });

  it('records no nonce for a request whose signature fails', async () => {
    const nonces = new MemoryNonceStore(() => T0);
    const genuine = await signed({ body: 'x' });
    const forged = { ...genuine, method: 'DELETE' };
    await expect(verifyAt(forged, T0, nonces)).rejects.toMatchObject({ code: 'transport.bad_signature' });
    expect(nonces.size).toBe(0);
    await expect(verifyAt(genuine, T0, nonces)).resolves.toMatchObject({ party: '123456' });
  });
});
