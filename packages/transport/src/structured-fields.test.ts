import { describe, expect, it } from 'vitest';
import { serializeDictionary } from './structured-fields-serialize.js';
import { parseDictionary } from './structured-fields.js';

describe('RFC 8941 dictionaries', () => {
  it('reads the RFC 9421 B.2.6 Signature-Input member and its parameters', () => {
    const text =
      'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
    const member = parseDictionary(text).get('sig-b26');
    expect(member?.kind).toBe('inner-list');
    if (member?.kind !== 'inner-list') return;
    expect(member.items.map((item) => item.value.value)).toEqual([
      'date',
      '@method',
      '@path',
      '@authority',
      'content-type',
      'content-length',
    ]);
    expect(member.params.get('created')).toEqual({ type: 'integer', value: 1618884473 });
    expect(member.params.get('keyid')).toEqual({ type: 'string', value: 'test-key-ed25519' });
    expect(serializeDictionary(parseDictionary(text))).toBe(text);
  });

  it.each([
    // Canonical forms survive a round trip unchanged.
    'a=1, b=?0, c, d=-12.5;x;y=tok/en, e=:AQID:',
    'sig=("@method";req "content-digest";sf);tag="a\\"b\\\\c"',
    'x=()',
  ])('round-trips %s', (text) => {
    expect(serializeDictionary(parseDictionary(text))).toBe(text);
  });

  it.each([
    ['leading spaces and tabs around commas', 'a=1 ,\tb=2', 'a=1, b=2'],
    ['unpadded base64', 'a=:AQI:', 'a=:AQI=:'],
    ['extra spaces in an inner list', 'a=( 1  2 )', 'a=(1 2)'],
  ])('normalises %s, which the verifier then refuses as non-canonical', (_name, text, canonical) => {
    expect(serializeDictionary(parseDictionary(text))).toBe(canonical);
  });

  it.each([
    'A=1',
    'a=1,',
    'a=1;;b',
    'a="unterminated',
    'a="bad \\q escape"',
    'a=:not base64!:',
    'a=?2',
    'a=(1 2',
    'a=1.',
    'a=1234567890123456',
    'a=é',
    '',
  ])('refuses %j with the code it is given', (text) => {
    expect(() => parseDictionary(text, 'transport.bad_digest')).toThrow(
      expect.objectContaining({ code: 'transport.bad_digest' }),
    );
  });
});
