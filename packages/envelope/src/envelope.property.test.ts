/**
 * Properties over random inputs: any acceptable set of attachments survives seal → open byte for byte
 * with its names and media types; the name rules and the name helpers hold for arbitrary strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asciiFallbackName,
  checkDisplayNames,
  contentDisposition,
  displayNameViolation,
  foldDisplayName,
  safeFileName,
} from './index.js';
import { attachment, makeParty, openBuffer, sealToBuffer, sha256 } from './testing/fixtures.js';

const school = makeParty('123456');
const edb = makeParty('EDB');

const FORBIDDEN = /[/\\\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const anyName = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('學', 'a', ' ', '.', '📎', '\u202E'), minLength: 60, maxLength: 300 }),
  fc.constantFrom('成績.csv', '學生資料（中一）.xlsx', 'Report.PDF', 'a\u202Eb', 'Cafe\u0301'),
);
const validName = anyName
  .map((name) => name.normalize('NFC'))
  .filter((name) => displayNameViolation(name) === undefined);

const attachmentSet = fc.uniqueArray(
  fc.record({
    name: validName,
    size: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 65_000, max: 140_000 })),
    seed: fc.integer({ min: 0, max: 255 }),
    mediaType: fc.constantFrom('application/octet-stream', 'text/csv; charset=utf-8', 'application/pdf'),
  }),
  { maxLength: 6, selector: (entry) => foldDisplayName(entry.name) },
);

describe('envelope properties', () => {
  it('any valid attachment set round-trips with names, media types, sizes and hashes', async () => {
    await fc.assert(
      fc.asyncProperty(attachmentSet, async (entries) => {
        const contents = entries.map((entry) =>
          Buffer.alloc(entry.size, entry.seed).fill(entry.seed ^ 0x5a, 0, entry.size >> 1),
        );
        const sealed = await sealToBuffer(
          school,
          [edb],
          entries.map((entry, i) =>
            attachment(entry.name, contents[i] as Buffer, { mediaType: entry.mediaType }),
          ),
        );
        const opened = await openBuffer(sealed, edb, school);
        expect(opened.attachments.map((a) => [a.displayName, a.mediaType, a.size, a.sha256])).toEqual(
          entries.map((entry, i) => [entry.name, entry.mediaType, entry.size, sha256(contents[i] as Buffer)]),
        );
        expect(opened.attachments.every((a, i) => a.stored.equals(contents[i] as Buffer))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('an accepted name is NFC, 1–255 UTF-8 bytes and free of separators, controls and bidi controls', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        if (displayNameViolation(name) !== undefined) return;
        expect(name.normalize('NFC')).toBe(name);
        expect(Buffer.byteLength(name)).toBeGreaterThanOrEqual(1);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
        expect(name).not.toMatch(FORBIDDEN);
        expect(() => checkDisplayNames([name])).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('a rejected name always throws envelope.display_name_invalid', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        if (displayNameViolation(name) === undefined) return;
        expect(() => checkDisplayNames([name])).toThrow(
          expect.objectContaining({ code: 'envelope.display_name_invalid' }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('generated file names and download headers are always safe', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), anyName, (index, name) => {
        const file = safeFileName(index, name);
        expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
        expect(file.startsWith(`${String(index).padStart(4, '0')}-`)).toBe(true);
        expect(file).not.toMatch(/[<>:"/\\|?*\p{Cc}\u202a-\u202e\u2066-\u2069]|\p{Cs}/u);
        expect(file).not.toMatch(/[. ]$/);
        expect(asciiFallbackName(name)).toMatch(/^[\x20-\x7e]+$/);
        expect(contentDisposition(name)).toMatch(
          /^attachment; filename="[^"\\%]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]*$/,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
