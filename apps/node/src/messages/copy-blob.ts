import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { AppError } from '@cds/domain';
import type { NodeServices } from '../node-services.js';

/**
 * Streams one blob into a new file (never over an existing one), checking on the way that the bytes
 * are still the recorded ones: a file handed to a user or another program is either whole and right
 * or not there at all.
 */
export async function copyBlobToNewFile(
  services: NodeServices,
  blob: string,
  sha256: string,
  path: string,
): Promise<void> {
  const file = await open(path, 'wx', 0o600).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new AppError('message.file_exists', { path });
    throw error;
  });
  const hash = createHash('sha256');
  try {
    for await (const chunk of await services.blobs.get(blob)) {
      hash.update(chunk as Buffer);
      await file.write(chunk as Buffer);
    }
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(path, { force: true });
    throw error;
  }
  await file.close();
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    await rm(path, { force: true });
    throw new AppError('blob.integrity', { hash: sha256, actual });
  }
}
