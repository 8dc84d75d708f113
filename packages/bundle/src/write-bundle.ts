/**
 * Writes a bundle as one streaming pass (SPEC §5, §10): manifest.json and manifest.jws first, then
 * each message's header.jws and payload.age, byte-identical to what an upload sends. Payloads are
 * opened one at a time and hashed on the way through, so memory stays flat however many large
 * messages go in, and a damaged blob fails the export rather than producing a bundle the hub refuses.
 * The file appears under its name only when complete and fsynced.
 */
import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { AppError } from '@cds/domain';
import { MANIFEST_ENTRY, MANIFEST_JWS_ENTRY, headerEntry, payloadEntry } from './limits.js';
import { serialiseManifest, type BundleManifest } from './manifest.js';
import { signManifest, type BundleSigner } from './manifest-jws.js';

export interface BundleSource {
  readonly id: string;
  readonly headerJws: string;
  readonly payloadSize: number;
  readonly payloadSha256: string;
  openPayload(): Promise<Readable>;
}

export interface WriteBundleInput {
  readonly kind: BundleManifest['kind'];
  readonly exportedBy: string;
  readonly exportedFor: string;
  readonly exportedAt: number;
  readonly signer: BundleSigner;
  readonly messages: readonly BundleSource[];
  /** The file to create; an existing file is never overwritten. */
  readonly out: string;
}

export interface WrittenBundle {
  readonly file: string;
  readonly size: number;
  readonly manifest: BundleManifest;
}

const FILE_MODE = 0o100644;

/** Hashes the payload as it streams into the zip; a blob that is not what the header says stops the export. */
function verifying(source: BundleSource): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(
        actual === source.payloadSha256
          ? null
          : new AppError('envelope.payload_hash_mismatch', {
              detail: `the stored payload of ${source.id} has SHA-256 ${actual}`,
            }),
      );
    },
  });
}

/** A missing or read-only folder is the user's to fix, said before any work is done. */
async function checkWritableFolder(path: string): Promise<void> {
  await access(dirname(path), constants.W_OK).catch((error: unknown) => {
    throw new AppError('usage.invalid_argument', {
      reason: 'cli.cannot_write',
      file: path,
      detail: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  });
}

async function refuseExisting(path: string): Promise<void> {
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists) throw new AppError('message.file_exists', { path });
}

/** A file, or with mode 'r' its directory, so the rename survives a power cut too. */
async function fsyncFile(path: string, mode = 'r+'): Promise<void> {
  const handle = await open(path, mode);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeBundle(input: WriteBundleInput): Promise<WrittenBundle> {
  await refuseExisting(input.out);
  await checkWritableFolder(input.out);
  const manifest: BundleManifest = {
    format: 'cds-bundle/1',
    kind: input.kind,
    exportedBy: input.exportedBy,
    exportedFor: input.exportedFor,
    exportedAt: input.exportedAt,
    signerKid: input.signer.kid,
    messages: input.messages.map((m) => ({
      id: m.id,
      headerSha256: createHash('sha256').update(m.headerJws, 'latin1').digest('hex'),
      payloadSize: m.payloadSize,
      payloadSha256: m.payloadSha256,
    })),
  };
  const manifestBytes = serialiseManifest(manifest);
  const jws = await signManifest(manifestBytes, input.signer);

  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const options = { compress: false, mtime: new Date(input.exportedAt), mode: FILE_MODE };
  zip.addBuffer(manifestBytes, MANIFEST_ENTRY, options);
  zip.addBuffer(Buffer.from(jws, 'latin1'), MANIFEST_JWS_ENTRY, options);
  let failure: Error | undefined;
  zip.on('error', (error: Error) => {
    failure ??= error;
    output.destroy(error);
  });
  for (const source of input.messages) {
    zip.addBuffer(Buffer.from(source.headerJws, 'latin1'), headerEntry(source.id), options);
    zip.addReadStreamLazy(payloadEntry(source.id), { ...options, size: source.payloadSize }, (give) => {
      source.openPayload().then(
        (stream) => {
          const checked = verifying(source);
          stream.on('error', (error) => checked.destroy(error));
          checked.on('error', (error) => {
            failure ??= error;
            output.destroy(error);
          });
          give(null, stream.pipe(checked));
        },
        (error: unknown) => give(error as Error, undefined as unknown as Readable),
      );
    });
  }
  zip.end();

  const temp = join(dirname(input.out), `.${basename(input.out)}.${randomUUID()}.partial`);
  try {
    await pipeline(output, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    if (failure !== undefined) throw failure;
    await fsyncFile(temp);
    await refuseExisting(input.out);
    await rename(temp, input.out);
    await fsyncFile(dirname(input.out), 'r');
  } catch (error) {
    await rm(temp, { force: true });
    throw failure ?? error;
  }
  return { file: input.out, size: (await stat(input.out)).size, manifest };
}
