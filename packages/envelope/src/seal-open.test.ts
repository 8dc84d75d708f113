import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { compactVerify, importJWK } from 'jose';
import { extract as tarExtract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { decryptBuffer, inspectAge } from '@cds/crypto';
import { openPayload, sealPayload } from './index.js';
import {
  attachment,
  codeOf,
  collect,
  makeParty,
  newMessageId,
  openBuffer,
  sealToBuffer,
  sha256,
} from './testing/fixtures.js';

const school = makeParty('123456');
const edb = makeParty('EDB');
const hkeaa = makeParty('HKEAA');
const outsider = makeParty('654321');

/** Bytes that differ at every position, so a misplaced or dropped byte changes the hash. */
function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return out;
}

async function roundTrip(sizes: readonly number[]): Promise<void> {
  const contents = sizes.map((size, i) => bytes(size, i));
  const sealed = await sealToBuffer(
    school,
    [edb],
    contents.map((content, i) => attachment(`file-${i + 1}.bin`, content)),
  );
  const opened = await openBuffer(sealed, edb, school);
  // Buffer.equals: a deep toEqual over megabytes takes seconds.
  expect(opened.attachments.map((a, i) => a.stored.equals(contents[i] as Buffer))).toEqual(
    sizes.map(() => true),
  );
  expect(opened.attachments.map((a) => a.sha256)).toEqual(contents.map(sha256));
  expect(opened.payload).toEqual(sealed.digest);
}

describe('seal and open round trips', () => {
  it('a message without attachments (allowed: it carries only its routing header)', async () => {
    const sealed = await sealToBuffer(school, [edb], []);
    const opened = await openBuffer(sealed, edb, school);
    expect(opened.attachments).toEqual([]);
    expect(opened.manifest).toEqual({
      format: 'cds-manifest/1',
      messageId: sealed.messageId,
      attachments: [],
    });
  });

  it.each([
    ['1 byte', [1]],
    ['an empty file', [0]],
    ['tar block edges 511, 512, 513', [511, 512, 513]],
    ['64 KiB − 1, 64 KiB, 64 KiB + 1 (age chunk edges)', [65_535, 65_536, 65_537]],
    ['1 MiB + 17', [1024 * 1024 + 17]],
  ])('%s', async (_label, sizes) => {
    await roundTrip(sizes);
  });

  it('50 attachments, in order, with Chinese display names and media types', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => ({
      name: `表格 A – 學生離校（第 ${i + 1} 批）.csv`,
      content: bytes(i * 97, i),
    }));
    const sealed = await sealToBuffer(
      school,
      [edb],
      inputs.map((input) => attachment(input.name, input.content, { mediaType: 'text/csv; charset=utf-8' })),
    );
    const opened = await openBuffer(sealed, edb, school, 1000);
    expect(opened.attachments.map((a) => [a.index, a.path, a.displayName, a.mediaType, a.stored])).toEqual(
      inputs.map((input, i) => [
        i + 1,
        `attachments/${String(i + 1).padStart(4, '0')}`,
        input.name,
        'text/csv; charset=utf-8',
        input.content,
      ]),
    );
  });

  it('every recipient and the sender can open; a third party gets envelope.not_a_recipient', async () => {
    const content = Buffer.from('學生資料');
    const sealed = await sealToBuffer(school, [edb, hkeaa], [attachment('學生.txt', content)]);
    for (const opener of [edb, hkeaa, school]) {
      const opened = await openBuffer(sealed, opener, school);
      expect(opened.attachments[0]?.stored).toEqual(content);
    }
    expect(await codeOf(openBuffer(sealed, outsider, school))).toBe('envelope.not_a_recipient');
  });

  it('opens with the current and previous identities together (key rollover)', async () => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.txt', Buffer.from('a'))]);
    const opened = await openPayload({
      payload: Readable.from([sealed.payload]),
      identities: [outsider.identity, edb.identity],
      expected: { messageId: sealed.messageId, senderPublicJwk: school.publicJwk, payload: sealed.digest },
      sink: async (_a, content) => (await collect(content)).toString(),
    });
    expect(opened.attachments[0]?.stored).toBe('a');
  });

  it('writes one X25519 stanza per recipient plus one for the sender', async () => {
    const sealed = await sealToBuffer(school, [edb, hkeaa], [attachment('a.txt', Buffer.from('a'))]);
    const { header } = inspectAge(sealed.payload.subarray(0, 4096));
    expect(header.stanzas.map((stanza) => stanza.type)).toEqual(['X25519', 'X25519', 'X25519']);
  });

  it('the plaintext is the documented tar: attachments, manifest.json, detached manifest.jws', async () => {
    const sealed = await sealToBuffer(
      school,
      [edb],
      [attachment('一.txt', Buffer.from('one')), attachment('二.txt', Buffer.from('two'))],
    );
    const plaintext = await decryptBuffer([edb.identity], sealed.payload);
    const entries: { name: string; type: string | null | undefined; body: Buffer }[] = [];
    const extract = tarExtract();
    const listing = (async () => {
      for await (const entry of extract) {
        entries.push({ name: entry.header.name, type: entry.header.type, body: await collect(entry) });
      }
    })();
    extract.end(plaintext);
    await listing;
    expect(entries.map((e) => [e.name, e.type])).toEqual([
      ['attachments/0001', 'file'],
      ['attachments/0002', 'file'],
      ['manifest.json', 'file'],
      ['manifest.jws', 'file'],
    ]);
    const manifest = JSON.parse(entries[2]?.body.toString() ?? '');
    expect(manifest).toEqual({
      format: 'cds-manifest/1',
      messageId: sealed.messageId,
      attachments: [
        {
          path: 'attachments/0001',
          displayName: '一.txt',
          size: 3,
          sha256: sha256(Buffer.from('one')),
          mediaType: 'application/octet-stream',
        },
        {
          path: 'attachments/0002',
          displayName: '二.txt',
          size: 3,
          sha256: sha256(Buffer.from('two')),
          mediaType: 'application/octet-stream',
        },
      ],
    });
    const [head, middle, signature] = (entries[3]?.body.toString() ?? '').split('.');
    expect(middle).toBe('');
    const attached = `${head}.${entries[2]?.body.toString('base64url')}.${signature}`;
    const { protectedHeader } = await compactVerify(attached, await importJWK(school.publicJwk, 'EdDSA'));
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: school.kid, typ: 'cds-manifest+jws' });
  });

  it('the sender can check what it seals while sealing: open from the sealing stream itself', async () => {
    const content = bytes(300_000);
    const messageId = newMessageId();
    const sealed = sealPayload({
      messageId,
      sender: { kid: school.kid, privateJwk: school.privateJwk, ageRecipient: school.recipient },
      recipients: [edb.recipient],
      attachments: [attachment('self-check.bin', content)],
    });
    const opened = await openPayload({
      payload: sealed.stream,
      identities: [school.identity],
      expected: { messageId, senderPublicJwk: school.publicJwk, payload: sealed.done },
      sink: async (_a, stream) => collect(stream),
    });
    expect(opened.attachments[0]?.stored.equals(content)).toBe(true);
    expect(opened.payload).toEqual(await sealed.done);
  });

  it('the sealing digest is the size and SHA-256 of the bytes streamed out', async () => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.bin', bytes(100_000))]);
    expect(sealed.digest).toEqual({
      size: sealed.payload.length,
      sha256: createHash('sha256').update(sealed.payload).digest('hex'),
    });
  });
});
