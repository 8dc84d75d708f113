/** The decrypted tar must be exactly the layout sealPayload writes; anything else is named as a format failure. */
import { describe, expect, it } from 'vitest';
import { codeOf, makeParty, newMessageId, openBuffer } from './testing/fixtures.js';
import {
  craftPayload,
  encryptTo,
  manifestFor,
  standardEntries,
  tarHeaderBlock,
  tarOf,
  type CraftAttachment,
  type CraftEntry,
} from './testing/craft.js';

const school = makeParty('123456');
const edb = makeParty('EDB');
const csv: CraftAttachment = { displayName: '成績.csv', body: Buffer.from('id,score\n1,90\n') };
const hostile = (build: (messageId: string) => Promise<CraftEntry[]>, trailing?: Buffer) =>
  craftPayload(build, [edb], trailing);

describe('the tar structure is checked strictly → envelope.format_invalid', () => {
  const two = [csv, { displayName: 'b.txt', body: Buffer.from('b') }];
  const standard = (id: string, attachments: readonly CraftAttachment[] = [csv]) =>
    standardEntries(manifestFor(id, attachments), attachments, school);
  const cases: [string, RegExp, (id: string) => Promise<CraftEntry[]>, Buffer?][] = [
    [
      'attachments out of order',
      /"attachments\/0002" where attachments\/0001/,
      async (id) => {
        const entries = await standard(id, two);
        return [entries[1], entries[0], ...entries.slice(2)] as CraftEntry[];
      },
    ],
    [
      'an entry after manifest.jws',
      /an entry follows manifest.jws/,
      async (id) => [...(await standard(id)), { name: 'attachments/0002', body: Buffer.from('late') }],
    ],
    [
      'an unexpected entry name',
      /"evil.sh"/,
      async (id) => [{ name: 'evil.sh', body: Buffer.from('rm -rf /') }, ...(await standard(id, []))],
    ],
    [
      'a path traversal name',
      /"..\/attachments\/0001"/,
      async (id) => [{ name: '../attachments/0001', body: csv.body }, ...(await standard(id, []))],
    ],
    [
      'a symlink',
      /other than a regular file/,
      async (id) => [
        { name: 'attachments/0001', type: 'symlink', linkname: '/etc/passwd' },
        ...(await standard(id, [])),
      ],
    ],
    [
      'a directory',
      /other than a regular file/,
      async (id) => [{ name: 'attachments/0001', type: 'directory' }, ...(await standard(id, []))],
    ],
    [
      'a pax extended header',
      /other than a regular file/,
      async (id) => {
        const entries = await standard(id);
        return [{ ...entries[0], pax: { comment: 'x' } } as CraftEntry, ...entries.slice(1)];
      },
    ],
    [
      'manifest.jws missing',
      /ends where manifest.jws belongs/,
      async (id) => (await standard(id)).slice(0, 2),
    ],
    [
      'manifest.json missing',
      /"manifest.jws" where attachments\/0002 or manifest.json/,
      async (id) => {
        const entries = await standard(id);
        return [entries[0], entries[2]] as CraftEntry[];
      },
    ],
    ['an empty archive', /ends where attachments\/0001 or manifest.json belongs/, () => Promise.resolve([])],
    ['junk after the end marker', /data follows the end/, async (id) => standard(id), Buffer.from('junk')],
    [
      'an extra zero record after the end marker',
      /data follows the end/,
      async (id) => standard(id),
      Buffer.alloc(512),
    ],
  ];

  it.each(cases)('%s', async (_label, detail, build, trailing) => {
    const sealed = await hostile(build, trailing);
    const error = await openBuffer(sealed, edb, school).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'envelope.format_invalid',
      details: { detail: expect.stringMatching(detail) },
    });
  });

  it('a plaintext that is not a tar at all', async () => {
    const sealed = await encryptTo(newMessageId(), Buffer.from('just text, no tar'), [edb]);
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.format_invalid');
  });

  it('a tar cut short inside an attachment', async () => {
    const big = { displayName: 'big.bin', body: Buffer.alloc(10_000, 7) };
    const messageId = newMessageId();
    const tar = await tarOf(await standardEntries(manifestFor(messageId, [big]), [big], school));
    const sealed = await encryptTo(messageId, tar.subarray(0, 5000), [edb]);
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.format_invalid');
  });

  it('more than 1000 attachments', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({
      displayName: `${i}.txt`,
      body: Buffer.from('x'),
    }));
    const sealed = await hostile(async (id) => standard(id, many));
    await expect(openBuffer(sealed, edb, school)).rejects.toMatchObject({
      code: 'envelope.format_invalid',
      details: { detail: 'more than 1000 attachments' },
    });
  });

  it('a manifest.json over its size limit, before it is read', async () => {
    const oversized = { name: 'manifest.json', body: Buffer.alloc(2 * 1024 * 1024 + 1, 0x20) };
    const sealed = await hostile(() => Promise.resolve([oversized]));
    await expect(openBuffer(sealed, edb, school)).rejects.toMatchObject({
      code: 'envelope.format_invalid',
      details: { detail: 'manifest.json is larger than 2097152 bytes' },
    });
  });

  it('an attachment over the 64 GiB structural limit, before any of it is read', async () => {
    const messageId = newMessageId();
    const sealed = await encryptTo(messageId, await tarHeaderBlock('attachments/0001', 64 * 1024 ** 3 + 1), [
      edb,
    ]);
    await expect(openBuffer(sealed, edb, school)).rejects.toMatchObject({
      code: 'envelope.format_invalid',
      details: { detail: 'attachments/0001 is larger than the limit' },
    });
  });
});
