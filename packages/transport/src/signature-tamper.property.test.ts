import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDigestOf } from './content-digest.js';
import { signRequest } from './sign-request.js';
import { MemoryNonceStore } from './testing/memory-nonce-store.js';
import { keyDirectory, newTestKey, T0 } from './testing/transport-fixture.js';
import { verifyRequest } from './verify-request.js';

const NODE = newTestKey('t-node-123456');
const lookupKey = keyDirectory([[NODE, '123456']]);
const TARGET = 'http://127.0.0.1:18700/v1/messages/0190';
const HEADERS = ['Signature-Input', 'Signature'] as const;

async function outcome(headers: Record<string, string>): Promise<string> {
  const nonces = new MemoryNonceStore(() => T0);
  return verifyRequest({ method: 'PUT', url: TARGET, headers, now: T0, lookupKey, nonces }).then(
    () => 'accepted',
    (error: { code?: string }) => error.code ?? 'not an AppError',
  );
}

describe('a single-character change to Signature-Input or Signature is always refused', () => {
  it('by substitution or deletion anywhere in either header', async () => {
    const signed = {
      ...(await signRequest({
        method: 'PUT',
        url: TARGET,
        bodyDigest: contentDigestOf('b'),
        key: NODE,
        now: T0,
      })),
    };
    expect(await outcome(signed)).toBe('accepted');

    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...HEADERS),
        fc.nat(),
        fc.option(printable, { nil: null }),
        async (header, position, replacement) => {
          const original = signed[header];
          const at = position % original.length;
          fc.pre(replacement !== original[at]);
          const changed = `${original.slice(0, at)}${replacement ?? ''}${original.slice(at + 1)}`;
          const result = await outcome({ ...signed, [header]: changed });
          expect(result).toMatch(/^transport\./);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
