/**
 * Opening names the check that failed. Two attackers: one who alters the stored or transmitted
 * payload (caught by the payload hash the signed header states), and a sender or key holder who
 * builds a hostile payload and states its true hash (caught by the inner checks).
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError, latinProse } from '@cds/domain';
import { openPayload } from './index.js';
import {
  attachment,
  codeOf,
  collect,
  makeParty,
  newMessageId,
  openBuffer,
  sealToBuffer,
  sha256,
  type Sealed,
} from './testing/fixtures.js';
import {
  craftPayload,
  manifestFor,
  standardEntries,
  type CraftAttachment,
  type CraftEntry,
} from './testing/craft.js';

const school = makeParty('123456');
const edb = makeParty('EDB');
const intruder = makeParty('654321');

/** The same bytes with a header that states their true size and hash. */
const restated = (sealed: Sealed, payload: Buffer): Sealed => ({
  ...sealed,
  payload,
  digest: { size: payload.length, sha256: sha256(payload) },
});

const hostile = (build: (messageId: string) => Promise<CraftEntry[]>) => craftPayload(build, [edb, school]);

const csv: CraftAttachment = { displayName: '成績.csv', body: Buffer.from('id,score\n1,90\n') };
const honest = (attachments: readonly CraftAttachment[] = [csv]) =>
  hostile(async (id) => standardEntries(manifestFor(id, attachments), attachments, school));

describe('an altered payload fails the payload hash, whatever byte changed', () => {
  it('a flipped byte anywhere (every byte of the age header, a stride through the rest) → envelope.payload_hash_mismatch', async () => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.txt', Buffer.from('abc'))]);
    const headerEnd = sealed.payload.indexOf('\n', sealed.payload.indexOf('\n--- ') + 1) + 1;
    const positions = Array.from({ length: sealed.payload.length }, (_, i) => i).filter(
      (i) => i < headerEnd + 16 || i % 37 === 0 || i >= sealed.payload.length - 17,
    );
    const codes = new Set<string>();
    for (const i of positions) {
      const payload = Buffer.from(sealed.payload);
      payload[i] = (payload[i] as number) ^ 0x01;
      codes.add(await codeOf(openBuffer({ ...sealed, payload }, edb, school)));
    }
    expect(headerEnd).toBeGreaterThan(100);
    expect([...codes]).toEqual(['envelope.payload_hash_mismatch']);
  });

  it.each([1, 100, 1000])('truncated by %i bytes → envelope.payload_hash_mismatch', async (cut) => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.bin', Buffer.alloc(70_000, 3))]);
    const payload = sealed.payload.subarray(0, sealed.payload.length - cut);
    expect(await codeOf(openBuffer({ ...sealed, payload }, edb, school))).toBe(
      'envelope.payload_hash_mismatch',
    );
  });

  it('appended bytes → envelope.payload_hash_mismatch, without reading on and on', async () => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.txt', Buffer.from('abc'))]);
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(pulled === 1 ? sealed.payload : Buffer.alloc(65_536));
      },
    });
    const opening = openPayload({
      payload: endless,
      identities: [edb.identity],
      expected: { messageId: sealed.messageId, senderPublicJwk: school.publicJwk, payload: sealed.digest },
      sink: async (_a, content) => collect(content),
    });
    await expect(opening).rejects.toMatchObject({ code: 'envelope.payload_hash_mismatch' });
    expect(pulled).toBeLessThan(5);
  });

  it('the error names the size difference', async () => {
    const sealed = await sealToBuffer(school, [edb], []);
    const payload = sealed.payload.subarray(0, 10);
    await expect(openBuffer({ ...sealed, payload }, edb, school)).rejects.toMatchObject({
      details: { detail: `it is 10 bytes, the header states ${sealed.payload.length}` },
    });
  });
});

describe('a payload that matches its stated hash but is damaged or hostile', () => {
  it('a corrupted age chunk → envelope.decryption_failed', async () => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.bin', Buffer.alloc(70_000, 3))]);
    const payload = Buffer.from(sealed.payload);
    payload[payload.length - 20] = (payload[payload.length - 20] as number) ^ 0x80;
    expect(await codeOf(openBuffer(restated(sealed, payload), edb, school))).toBe(
      'envelope.decryption_failed',
    );
  });

  it('an age file cut before its last chunk → envelope.decryption_failed', async () => {
    const sealed = await sealToBuffer(school, [edb], [attachment('a.bin', Buffer.alloc(200_000, 3))]);
    const payload = sealed.payload.subarray(0, sealed.payload.length - 30_000);
    expect(await codeOf(openBuffer(restated(sealed, payload), edb, school))).toBe(
      'envelope.decryption_failed',
    );
  });

  it('the honest layout built by hand opens (the crafting helper is faithful)', async () => {
    const sealed = await honest();
    const opened = await openBuffer(sealed, edb, school);
    expect(opened.attachments[0]?.stored.toString()).toBe('id,score\n1,90\n');
  });

  it('an attachment swapped after the manifest was signed → envelope.attachment_hash_mismatch', async () => {
    const swapped = { ...csv, body: Buffer.from('id,score\n1,10\n'), claimed: csv.body };
    const sealed = await hostile(async (id) =>
      standardEntries(manifestFor(id, [swapped]), [swapped], school),
    );
    await expect(openBuffer(sealed, edb, school)).rejects.toMatchObject({
      code: 'envelope.attachment_hash_mismatch',
      details: { index: 1, path: 'attachments/0001', detail: 'SHA-256 differs from the manifest' },
    });
  });

  it('an attachment of another size than the manifest says → envelope.attachment_hash_mismatch', async () => {
    const longer = { ...csv, body: Buffer.concat([csv.body, Buffer.from('2,80\n')]), claimed: csv.body };
    const sealed = await hostile(async (id) => standardEntries(manifestFor(id, [longer]), [longer], school));
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.attachment_hash_mismatch');
  });

  it('a manifest signed by another key → envelope.manifest_signature_invalid', async () => {
    const sealed = await hostile(async (id) => standardEntries(manifestFor(id, [csv]), [csv], intruder));
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.manifest_signature_invalid');
  });

  it('a manifest altered after signing → envelope.manifest_signature_invalid', async () => {
    const sealed = await hostile(async (id) => {
      const entries = await standardEntries(manifestFor(id, [csv]), [csv], school);
      const json = entries[1]?.body?.toString().replace('成績', '成绩') ?? '';
      return entries.map((entry) =>
        entry.name === 'manifest.json' ? { ...entry, body: Buffer.from(json) } : entry,
      );
    });
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.manifest_signature_invalid');
  });

  it('a validly signed manifest of another message → envelope.manifest_mismatch', async () => {
    const sealed = await hostile(async () =>
      standardEntries(manifestFor(newMessageId(), [csv]), [csv], school),
    );
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.manifest_mismatch');
  });

  it('a manifest listing fewer attachments than the archive holds → envelope.manifest_mismatch', async () => {
    const two = [csv, { displayName: 'b.txt', body: Buffer.from('b') }];
    const sealed = await hostile(async (id) => standardEntries(manifestFor(id, [csv]), two, school));
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.manifest_mismatch');
  });

  it('a signed manifest that is not a cds-manifest/1 → envelope.format_invalid', async () => {
    const sealed = await hostile(async (id) =>
      standardEntries({ ...manifestFor(id, [csv]), format: 'cds-manifest/2' }, [csv], school),
    );
    expect(await codeOf(openBuffer(sealed, edb, school))).toBe('envelope.format_invalid');
  });
});

describe('the attachment sink', () => {
  it('its own failure is passed through unchanged', async () => {
    const sealed = await honest();
    const opening = openPayload({
      payload: Readable.from([sealed.payload]),
      identities: [edb.identity],
      expected: { messageId: sealed.messageId, senderPublicJwk: school.publicJwk, payload: sealed.digest },
      sink: () => Promise.reject(new AppError('blob.too_large', { limit: 1 })),
    });
    await expect(opening).rejects.toMatchObject({ code: 'blob.too_large' });
  });

  it('sees the underlying failure, and the caller gets the envelope code, not the sink error', async () => {
    const swapped = { ...csv, body: Buffer.alloc(300_000, 1), claimed: csv.body };
    const sealed = await hostile(async (id) =>
      standardEntries(manifestFor(id, [swapped]), [swapped], school),
    );
    const payload = sealed.payload.subarray(0, sealed.payload.length - 100_000);
    const opening = openPayload({
      payload: Readable.from([payload]),
      identities: [edb.identity],
      expected: {
        messageId: sealed.messageId,
        senderPublicJwk: school.publicJwk,
        payload: restated(sealed, payload).digest,
      },
      sink: async (_a, content) => {
        await collect(content);
        return 'stored';
      },
    });
    await expect(opening).rejects.toMatchObject({ code: 'envelope.decryption_failed' });
  });

  it('a sink that returns without reading its stream is a programming error, not a verified open', async () => {
    const sealed = await honest();
    const opening = openPayload({
      payload: Readable.from([sealed.payload]),
      identities: [edb.identity],
      expected: { messageId: sealed.messageId, senderPublicJwk: school.publicJwk, payload: sealed.digest },
      sink: () => Promise.resolve('ignored'),
    });
    await expect(opening).rejects.toThrow(/returned before reading it to the end/);
  });

  it('a read error of the payload itself is passed through, after the sink has settled', async () => {
    const sealed = await honest([{ displayName: 'big.bin', body: Buffer.alloc(500_000, 9) }]);
    let sinkSettled = false;
    const failing = Readable.from(
      (async function* () {
        yield sealed.payload.subarray(0, 200_000);
        await Promise.resolve();
        throw new Error('disk read failed');
      })(),
    );
    const opening = openPayload({
      payload: failing,
      identities: [edb.identity],
      expected: { messageId: sealed.messageId, senderPublicJwk: school.publicJwk, payload: sealed.digest },
      sink: async (_a, content) => {
        try {
          return await collect(content);
        } finally {
          sinkSettled = true;
        }
      },
    });
    await expect(opening).rejects.toThrow('disk read failed');
    expect(sinkSettled).toBe(true);
  });
});

describe('the failed check, as a zh-HK key holder reads it', () => {
  it('each check has its own sentence, wholly Chinese, the technical words kept apart', async () => {
    const big = await sealToBuffer(school, [edb], [attachment('a.bin', Buffer.alloc(70_000, 3))]);
    const flipped = Buffer.from(big.payload);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] as number) ^ 0x80;
    const swapped = { ...csv, body: Buffer.from('id,score\n1,10\n'), claimed: csv.body };
    // Each hostile payload is built first; each opening starts only when it is awaited.
    const inputs: Sealed[] = [
      { ...big, payload: big.payload.subarray(0, 10) },
      restated(big, flipped),
      await hostile(async (id) => standardEntries(manifestFor(id, [swapped]), [swapped], school)),
      await hostile(async (id) => standardEntries(manifestFor(id, [csv]), [csv], intruder)),
      await hostile(async () => standardEntries(manifestFor(newMessageId(), [csv]), [csv], school)),
      await hostile(async (id) =>
        standardEntries({ ...manifestFor(id, [csv]), format: 'cds-manifest/2' }, [csv], school),
      ),
    ];
    const sentences = new Map<string, string>();
    for (const input of inputs) {
      const error = await openBuffer(input, edb, school).then(
        () => null,
        (caught: unknown) => caught,
      );
      if (!(error instanceof AppError)) throw new Error('an altered payload opened');
      const zh = error.messageIn('zh-HK');
      expect(zh, error.code).toMatch(/\p{Script=Han}/u);
      expect(latinProse(zh), `${error.code}: ${zh}`).toBeNull();
      sentences.set(error.code, zh);
    }
    expect([...sentences.keys()].sort()).toEqual([
      'envelope.attachment_hash_mismatch',
      'envelope.decryption_failed',
      'envelope.format_invalid',
      'envelope.manifest_mismatch',
      'envelope.manifest_signature_invalid',
      'envelope.payload_hash_mismatch',
    ]);
    expect(new Set(sentences.values()).size).toBe(sentences.size);
  });
});
