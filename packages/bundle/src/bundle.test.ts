import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError, latinProse } from '@cds/domain';
import { checkDestination, openBundle, verifyBundleSignature } from './read-bundle.js';
import { writeBundle } from './write-bundle.js';
import {
  SAMPLE_IDS,
  hostileBundles,
  readBaseBundle,
  sampleSigner,
  writeSampleBundle,
  type HostileCase,
} from './testing/index.js';

const signer = sampleSigner();
let dir: string;
let sample: Awaited<ReturnType<typeof writeSampleBundle>>;
let cases: HostileCase[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cds-bundle-test-'));
  sample = await writeSampleBundle(signer, dir);
  cases = await hostileBundles(await readBaseBundle(sample.file, signer), { otherParty: '654321' });
});

/** Everything the bundle package itself checks, in the order a reader does it. */
async function readFully(path: string): Promise<void> {
  const bundle = await openBundle(path);
  try {
    checkDestination(bundle, { kind: 'delivery', reader: '123456' });
    await verifyBundleSignature(bundle, signer);
    for (const { id } of bundle.manifest.messages) {
      await bundle.header(id);
      await bundle.checkPayload(id);
    }
  } finally {
    bundle.close();
  }
}

describe('writing and reading a bundle', () => {
  it('round-trips manifest, headers and payloads byte for byte, signed', async () => {
    const bundle = await openBundle(sample.file);
    try {
      expect(bundle.manifest).toMatchObject({ kind: 'delivery', exportedBy: 'hub', exportedFor: '123456' });
      expect(bundle.manifest.messages.map((m) => m.id)).toEqual(SAMPLE_IDS);
      await verifyBundleSignature(bundle, signer);
      for (const id of SAMPLE_IDS) {
        expect(await bundle.header(id)).toBe(sample.headers.get(id));
        const chunks: Buffer[] = [];
        for await (const chunk of await bundle.payload(id)) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).equals(sample.payloads.get(id) ?? Buffer.alloc(0))).toBe(true);
      }
    } finally {
      bundle.close();
    }
  });

  it('never overwrites a file and leaves nothing behind when a payload is not what it claims', async () => {
    await expect(writeSampleBundle(signer, dir)).rejects.toMatchObject({ code: 'message.file_exists' });
    const out = join(dir, 'bad.zip');
    const payload = randomBytes(100);
    await expect(
      writeBundle({
        kind: 'upload',
        exportedBy: '123456',
        exportedFor: 'hub',
        exportedAt: Date.now(),
        signer,
        out,
        messages: [
          {
            id: SAMPLE_IDS[0] ?? '',
            headerJws: 'a.b.c',
            payloadSize: payload.length,
            payloadSha256: '0'.repeat(64),
            openPayload: () => Promise.resolve(Readable.from([payload])),
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'envelope.payload_hash_mismatch' });
    expect((await readdir(dir)).filter((name) => name.includes('bad.zip'))).toEqual([]);
  });

  it('refuses a folder that does not exist before doing any work', async () => {
    await expect(
      writeBundle({
        kind: 'upload',
        exportedBy: '123456',
        exportedFor: 'hub',
        exportedAt: Date.now(),
        signer,
        out: join(dir, 'no-such-folder', 'x.zip'),
        messages: [],
      }),
    ).rejects.toMatchObject({ code: 'usage.invalid_argument' });
  });

  it('refuses a missing file as not found', async () => {
    await expect(openBundle(join(dir, 'nope.zip'))).rejects.toMatchObject({ code: 'bundle.file_not_found' });
  });
});

describe('the hostile-bundle generator', () => {
  it('makes at least 25 distinct cases covering every reason of SPEC §5', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const reasons = new Set(cases.map((c) => c.expected));
    for (const code of [
      'bundle.not_a_bundle',
      'bundle.unsupported_version',
      'bundle.wrong_party',
      'bundle.signature_invalid',
      'bundle.hash_mismatch',
      'bundle.duplicate_entry',
      'bundle.path_traversal',
      'bundle.absolute_name',
      'bundle.symlink',
      'bundle.size_mismatch',
      'bundle.compression_bomb',
      'bundle.too_many_entries',
      'bundle.truncated',
      'bundle.bad_name',
    ] as const) {
      expect(reasons, code).toContain(code);
    }
  });

  it('each case the bundle layer can judge is refused with its own reason', async () => {
    for (const [index, hostile] of cases.entries()) {
      const path = join(dir, `hostile-${index}.zip`);
      await writeFile(path, hostile.bytes);
      const outcome = await readFully(path).then(
        () => 'accepted',
        (error: unknown) => {
          // The refusal a zh-HK clerk reads is wholly Chinese; the zip's own words go apart.
          if (isAppError(error)) {
            expect(error.messageIn('zh-HK'), hostile.name).toMatch(/\p{Script=Han}/u);
            expect(latinProse(error.messageIn('zh-HK')), hostile.name).toBeNull();
          }
          return isAppError(error) ? error.code : `non-AppError: ${String(error)}`;
        },
      );
      expect(outcome, hostile.name).toBe(hostile.stage === 'message' ? 'accepted' : hostile.expected);
    }
  });
});
