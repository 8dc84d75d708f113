import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkDisplayNames, foldDisplayName, quoteDisplayName, sealPayload } from './index.js';
import { attachment, makeParty, newMessageId, openBuffer } from './testing/fixtures.js';
import { encryptTo, manifestFor, standardEntries, tarOf } from './testing/craft.js';

const school = makeParty('123456');
const edb = makeParty('EDB');

/** [label, names, rule, 1-based index of the offending name] */
const violations: [string, string[], string, number][] = [
  ['empty', [''], 'length', 1],
  ['256 UTF-8 bytes', ['a'.repeat(256)], 'length', 1],
  ['86 CJK characters (258 bytes)', ['學'.repeat(86)], 'length', 1],
  ['NFD (macOS file dialogs)', ['Cafe\u0301.txt'], 'nfc', 1],
  ['a slash', ['a/b.txt'], 'separator', 1],
  ['a backslash', ['..\\evil.txt'], 'separator', 1],
  ['NUL', ['a\u0000.txt'], 'nul', 1],
  ['a tab (C0)', ['a\tb.txt'], 'control', 1],
  ['a newline (C0)', ['a\nb.txt'], 'control', 1],
  ['DEL', ['a\u007fb.txt'], 'control', 1],
  ['a C1 control', ['a\u0085b.txt'], 'control', 1],
  ['RIGHT-TO-LEFT OVERRIDE', ['invoice\u202Efdp.exe'], 'bidi', 1],
  ['LEFT-TO-RIGHT ISOLATE', ['a\u2066b.txt'], 'bidi', 1],
  ['RIGHT-TO-LEFT MARK', ['a\u200Fb.txt'], 'bidi', 1],
  ['ARABIC LETTER MARK', ['a\u061Cb.txt'], 'bidi', 1],
  ['a lone surrogate', ['a\uD800.txt'], 'encoding', 1],
  ['the same name twice', ['成績.csv', '成績.csv'], 'duplicate', 2],
  ['names differing only in case', ['ok.txt', 'Report.PDF', 'report.pdf'], 'duplicate', 3],
  ['Greek final and medial sigma', ['ΟΔΟΣ.txt', 'οδος.txt'], 'duplicate', 2],
  ['ß and SS', ['STRASSE.txt', 'straße.txt'], 'duplicate', 2],
];

describe('display names', () => {
  it.each(violations)('refuses %s', (_label, names, rule, index) => {
    expect(() => checkDisplayNames(names)).toThrow(
      expect.objectContaining({
        code: 'envelope.display_name_invalid',
        details: expect.objectContaining({ rule, index }),
      }),
    );
  });

  it.each([
    ['Chinese', ['全港性系統評估 參數檔.xlsx', '學生資料（中一）.csv']],
    ['255 UTF-8 bytes exactly', ['a'.repeat(255), '學'.repeat(85)]],
    ['spaces, dots, emoji, accents (NFC)', ['. .', 'Café 📎.txt', '..']],
    ['full-width and ASCII letters (no compatibility folding)', ['Ａ.txt', 'A.txt']],
    ['no names at all', []],
  ])('accepts %s', (_label, names) => {
    expect(() => checkDisplayNames(names)).not.toThrow();
  });

  it('names the rule and the name in both languages, with invisible characters spelled out', () => {
    let message = '';
    let zh = '';
    try {
      checkDisplayNames(['invoice\u202Efdp.exe']);
    } catch (error) {
      message = (error as Error).message;
      zh = (error as { messageIn(lang: string): string }).messageIn('zh-HK');
    }
    expect(message).toBe(
      'The attachment name "invoice\\u{202E}fdp.exe" breaks a rule: it contains a bidirectional text control',
    );
    expect(zh).toBe('附件名稱 "invoice\\u{202E}fdp.exe" 不符合規則：不可包含雙向文字控制字元');
  });

  it('folds case as documented', () => {
    expect(foldDisplayName('Report.PDF')).toBe('report.pdf');
    expect(foldDisplayName('ΟΔΟΣ')).toBe(foldDisplayName('οδος'));
    expect(foldDisplayName('Ａ')).not.toBe(foldDisplayName('A'));
    expect(quoteDisplayName('a\u0000b')).toBe('"a\\u{0}b"');
  });

  it.each(violations)('sealing refuses %s before reading any attachment', (_label, names, rule) => {
    let opened = 0;
    const attachments = names.map((name) => ({
      ...attachment(name, Buffer.from('x')),
      open: () => {
        opened += 1;
        return Readable.from([Buffer.from('x')]);
      },
    }));
    const seal = () =>
      sealPayload({
        messageId: newMessageId(),
        sender: { kid: school.kid, privateJwk: school.privateJwk, ageRecipient: school.recipient },
        recipients: [edb.recipient],
        attachments,
      });
    expect(seal).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule }) }));
    expect(opened).toBe(0);
  });

  it.each(violations)(
    'opening refuses %s in a manifest signed by the sender',
    async (_label, names, rule, index) => {
      const messageId = newMessageId();
      const attachments = names.map((displayName, i) => ({ displayName, body: Buffer.from(`file ${i}`) }));
      const tar = await tarOf(
        await standardEntries(manifestFor(messageId, attachments), attachments, school),
      );
      const sealed = await encryptTo(messageId, tar, [edb]);
      await expect(openBuffer(sealed, edb, school)).rejects.toMatchObject({
        code: 'envelope.display_name_invalid',
        details: { rule, index },
      });
    },
  );
});
