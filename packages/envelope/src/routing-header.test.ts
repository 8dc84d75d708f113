import { CompactSign, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  decodeHeader,
  payloadDigestOf,
  signHeader,
  verifyHeader,
  type RoutingHeaderFields,
} from './index.js';
import { codeOf, makeParty, newMessageId } from './testing/fixtures.js';

const school = makeParty('123456');
const edb = makeParty('EDB');
const hkeaa = makeParty('HKEAA');
const signer = { kid: school.kid, privateJwk: school.privateJwk };
const SEALED_AT = Date.UTC(2026, 8, 1, 2, 30);

function fields(overrides: Partial<RoutingHeaderFields> = {}): RoutingHeaderFields {
  return {
    id: newMessageId(),
    from: '123456',
    to: ['EDB', 'HKEAA'],
    subject: 'STU',
    type: 'SUB',
    priority: 'NORMAL',
    encryptionLevel: 'CONFIDENTIAL',
    description: '表格 A – 學生離校 2026-09-01 至 2026-09-30（3 名）',
    schoolReference: 'REF/2026/001',
    replyDeadline: null,
    replyTo: null,
    sealedAt: SEALED_AT,
    senderKid: school.kid,
    recipientKids: { EDB: edb.kid, HKEAA: hkeaa.kid },
    payloadSize: 4394,
    payloadSha256: 'a'.repeat(64),
    ...overrides,
  };
}

async function rawJws(payload: unknown, protectedHeader: Record<string, unknown>): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', ...protectedHeader })
    .sign(await importJWK(school.privateJwk, 'EdDSA'));
}

describe('routing header', () => {
  it('signs, decodes without a key and verifies with the sender key', async () => {
    const input = fields({ replyTo: newMessageId(), replyDeadline: SEALED_AT + 86_400_000 });
    const jws = await signHeader(input, signer);
    const expected = { format: 'cds-header/1', ...input };
    expect(decodeHeader(jws)).toEqual({ kid: school.kid, fields: expected });
    expect(await verifyHeader(jws, school.publicJwk)).toEqual(expected);
    expect(JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid: school.kid,
      typ: 'cds-header+jws',
    });
    expect(payloadDigestOf(expected as never)).toEqual({ size: 4394, sha256: 'a'.repeat(64) });
  });

  it('a header verified with any other key → envelope.header_signature_invalid', async () => {
    const jws = await signHeader(fields(), signer);
    expect(await codeOf(verifyHeader(jws, edb.publicJwk))).toBe('envelope.header_signature_invalid');
  });

  it('any flipped byte is refused; in the payload or signature it is the signature that fails', async () => {
    const jws = await signHeader(fields(), signer);
    const [head = '', body = ''] = jws.split('.');
    const seen = new Map<string, number>();
    for (let i = 0; i < jws.length; i++) {
      const flipped = jws.slice(0, i) + String.fromCharCode(jws.charCodeAt(i) ^ 0x01) + jws.slice(i + 1);
      const code = await codeOf(verifyHeader(flipped, school.publicJwk));
      seen.set(code, (seen.get(code) ?? 0) + 1);
      const inSignedPart = i > head.length && i !== head.length + body.length + 1;
      const parts = flipped.split('.');
      const canonical = (part: string) =>
        /^[A-Za-z0-9_-]+$/.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part;
      const stillBase64url = parts.length === 3 && parts.every(canonical);
      if (inSignedPart && stillBase64url) expect(code).toBe('envelope.header_signature_invalid');
    }
    expect([...seen.keys()].sort()).toEqual(['envelope.header_invalid', 'envelope.header_signature_invalid']);
    expect(seen.get('envelope.header_signature_invalid')).toBeGreaterThan(jws.length / 2);
  });

  it('a re-encoded signature whose spare bits differ is refused (canonical base64url only)', async () => {
    const jws = await signHeader(fields(), signer);
    const last = jws.at(-1) ?? '';
    // 64 signature bytes leave 4 unused bits in the last character; any other value of them decodes the same.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 0x01] ?? '';
    expect(Buffer.from(jws.slice(-3, -1) + twin, 'base64url')).toEqual(
      Buffer.from(jws.slice(-3), 'base64url'),
    );
    expect(await codeOf(verifyHeader(jws.slice(0, -1) + twin, school.publicJwk))).toBe(
      'envelope.header_invalid',
    );
  });

  it.each([
    ['no recipients', { to: [] }],
    ['a party listed twice', { to: ['EDB', 'EDB'] }],
    ['recipientKids not matching `to`', { recipientKids: { EDB: edb.kid } }],
    ['an unknown priority', { priority: 'HIGH' as never }],
    ['an unknown encryption level', { encryptionLevel: 'SECRET' as never }],
    ['a 201-character description', { description: '學'.repeat(201) }],
    ['a control character in the description', { description: 'line\nbreak' }],
    ['an invalid party code', { from: '12345' }],
    ['a message id that is not a UUIDv7', { id: '00000000-0000-4000-8000-000000000000' }],
    ['a malformed payload hash', { payloadSha256: 'A'.repeat(64) }],
    ['a fractional payload size', { payloadSize: 1.5 }],
  ])('signHeader refuses %s (envelope.header_invalid)', async (_label, override) => {
    expect(await codeOf(signHeader(fields(override as Partial<RoutingHeaderFields>), signer))).toBe(
      'envelope.header_invalid',
    );
  });

  it('accepts a 200-character Chinese description (characters, not bytes)', async () => {
    const jws = await signHeader(fields({ description: '學'.repeat(200) }), signer);
    expect((await verifyHeader(jws, school.publicJwk)).description).toHaveLength(200);
  });

  it('refuses to sign with a key other than senderKid', async () => {
    expect(await codeOf(signHeader(fields(), { kid: edb.kid, privateJwk: school.privateJwk }))).toBe(
      'envelope.header_invalid',
    );
  });

  it('a validly signed header with unknown fields, a wrong typ or a kid ≠ senderKid → envelope.header_invalid', async () => {
    const payload = { format: 'cds-header/1', ...fields() };
    const cases = [
      await rawJws({ ...payload, extra: 1 }, { kid: school.kid, typ: 'cds-header+jws' }),
      await rawJws(payload, { kid: school.kid, typ: 'cds-manifest+jws' }),
      await rawJws(payload, { kid: school.kid }),
      await rawJws(payload, { kid: edb.kid, typ: 'cds-header+jws' }),
      await rawJws(payload, { kid: school.kid, typ: 'cds-header+jws', crit: ['b64'], b64: true }),
    ];
    for (const jws of cases) {
      expect(await codeOf(verifyHeader(jws, school.publicJwk))).toBe('envelope.header_invalid');
      expect(() => decodeHeader(jws)).toThrow(expect.objectContaining({ code: 'envelope.header_invalid' }));
    }
  });

  it('refuses alg none and garbage without trying to verify', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    for (const jws of [none, '', 'a.b', 'not a jws at all', 'x'.repeat(600_000)]) {
      expect(await codeOf(verifyHeader(jws, school.publicJwk))).toBe('envelope.header_invalid');
    }
  });

  it('a sealedAt more than 5 minutes ahead of the verifier → envelope.clock_skew', async () => {
    const jws = await signHeader(fields(), signer);
    expect(await verifyHeader(jws, school.publicJwk, { now: SEALED_AT - 5 * 60_000 })).toBeTruthy();
    expect(await codeOf(verifyHeader(jws, school.publicJwk, { now: SEALED_AT - 5 * 60_000 - 1 }))).toBe(
      'envelope.clock_skew',
    );
  });

  it('a public key that is not Ed25519 is the caller’s mistake (validation.failed)', async () => {
    const jws = await signHeader(fields(), signer);
    expect(await codeOf(verifyHeader(jws, { kty: 'OKP', crv: 'X25519', x: school.publicJwk.x }))).toBe(
      'validation.failed',
    );
  });
});
