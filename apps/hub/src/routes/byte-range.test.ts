import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range.js';

const SIZE = 1000;

describe('one Range: bytes=… of a 1000-byte payload', () => {
  const table: Array<[string | undefined, ReturnType<typeof parseByteRange>]> = [
    [undefined, { kind: 'whole' }],
    ['bytes=0-499', { kind: 'part', start: 0, end: 499 }],
    ['bytes=500-', { kind: 'part', start: 500, end: 999 }],
    ['bytes=900-5000', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['bytes=999-999', { kind: 'part', start: 999, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5000-6000', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=500-100', { kind: 'whole' }],
    ['bytes=0-1,5-9', { kind: 'whole' }],
    ['items=0-9', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=abc-', { kind: 'whole' }],
  ];
  for (const [header, expected] of table) {
    it(`${header ?? '(none)'} → ${expected.kind}`, () => {
      expect(parseByteRange(header, SIZE)).toEqual(expected);
    });
  }

  it('an empty payload has no byte to serve', () => {
    expect(parseByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
