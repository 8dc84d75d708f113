import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { faultPoint } from '@cds/platform';

/**
 * Replaces a file so that a crash at any instant leaves either the complete old content or the
 * complete new content: write a temp file, fsync it, rename over the target, fsync the directory.
 * The fault points let tests kill the process between each step.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  mode = 0o600,
  faultPrefix?: string,
): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    if (faultPrefix) faultPoint(`${faultPrefix}.temp_written`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  if (faultPrefix) faultPoint(`${faultPrefix}.temp_synced`);
  await rename(temp, path);
  if (faultPrefix) faultPoint(`${faultPrefix}.renamed`);
  await syncDirectory(dirname(path));
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
