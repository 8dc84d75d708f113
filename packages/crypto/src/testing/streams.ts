/** Test helpers: run data through our Transforms in odd-sized writes and capture what they release. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isAppError } from '@cds/domain';
import {
  decryptStream,
  encryptStream,
  type DecryptOptions,
  type Identity,
  type Recipient,
} from '../index.js';

export function piecesOf(data: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) pieces.push(data.subarray(i, i + size));
  return pieces;
}

export async function encryptPieces(
  recipients: Recipient[],
  data: Buffer,
  pieceSize: number,
  armor = false,
): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(piecesOf(data, Math.max(1, pieceSize))),
    encryptStream(recipients, { armor }),
    async (source) => {
      for await (const chunk of source) out.push(chunk as Buffer);
    },
  );
  return Buffer.concat(out);
}

export interface DecryptOutcome {
  /** Everything the stream released, even when it failed afterwards. */
  readonly released: Buffer;
  /** The AppError code, or undefined on success. */
  readonly code: string | undefined;
}

export async function tryDecrypt(
  identities: Identity[],
  file: Buffer,
  pieceSize = file.length,
  options: DecryptOptions = {},
): Promise<DecryptOutcome> {
  const released: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      released.push(chunk);
      callback();
    },
  });
  try {
    await pipeline(
      Readable.from(piecesOf(file, Math.max(1, pieceSize))),
      decryptStream(identities, options),
      sink,
    );
    return { released: Buffer.concat(released), code: undefined };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { released: Buffer.concat(released), code: error.code };
  }
}
