/**
 * Property-based fuzzing of the zip and manifest readers (fast-check, bounded runs so CI stays in
 * seconds): whatever bytes arrive, the reader answers with a bundle.* refusal or with exactly the
 * content that was signed — never another kind of error, never a hang, never altered content.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@cds/domain';
import { parseManifest } from './manifest.js';
import { checkDestination, openBundle, verifyBundleSignature } from './read-bundle.js';
import { sampleSigner, writeSampleBundle } from './testing/index.js';

const signer = sampleSigner();
let dir: string;
let original: Buffer;
let sample: Awaited<ReturnType<typeof writeSampleBundle>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cds-bundle-fuzz-'));
  sample = await writeSampleBundle(signer, dir);
  original = await readFile(sample.file);
});

/** 'accepted' with the payloads read, or the refusal's code; anything else is a defect. */
async function verdict(bytes: Uint8Array): Promise<string> {
  const path = join(dir, 'fuzz.zip');
  await writeFile(path, bytes);
  let bundle;
  try {
    bundle = await openBundle(path);
    checkDestination(bundle, { kind: 'delivery', reader: '123456' });
    await verifyBundleSignature(bundle, signer);
    for (const { id } of bundle.manifest.messages) {
      expect(await bundle.header(id)).toBe(sample.headers.get(id));
      await bundle.checkPayload(id);
    }
    return 'accepted';
  } catch (error) {
    if (isAppError(error) && error.code.startsWith('bundle.')) return error.code;
    throw error;
  } finally {
    bundle?.close();
  }
}

describe('fuzzing the bundle readers', () => {
  it('refuses arbitrary bytes, zip-looking or not, with a bundle reason', async () => {
    const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), async (bytes, looksLikeZip) => {
        const input = looksLikeZip ? Buffer.concat([zipHead, bytes]) : bytes;
        expect(await verdict(input)).not.toBe('accepted');
      }),
      { numRuns: 100 },
    );
  });

  it('a damaged bundle is refused, or read back with exactly the signed content', async () => {
    const edit = fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        fc.option(fc.nat()),
        async (edits, cut) => {
          const bytes = Buffer.from(original);
          for (const { at, xor } of edits) {
            const index = at % bytes.length;
            bytes[index] = (bytes[index] ?? 0) ^ xor;
          }
          const input = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
          await verdict(input);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('parses any JSON as a manifest or refuses it with a bundle reason', () => {
    const manifestLike = fc.record(
      {
        format: fc.oneof(fc.constant('cds-bundle/1'), fc.string()),
        kind: fc.oneof(fc.constantFrom('upload', 'delivery'), fc.string()),
        exportedBy: fc.oneof(fc.constantFrom('hub', '123456', 'EDB'), fc.string()),
        exportedFor: fc.oneof(fc.constantFrom('hub', '654321'), fc.string()),
        exportedAt: fc.oneof(fc.nat(), fc.double(), fc.string()),
        signerKid: fc.string(),
        messages: fc.array(fc.anything(), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(manifestLike, fc.jsonValue()), (value) => {
        try {
          parseManifest(Buffer.from(JSON.stringify(value) ?? 'null'));
        } catch (error) {
          if (!isAppError(error) || !error.code.startsWith('bundle.')) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
