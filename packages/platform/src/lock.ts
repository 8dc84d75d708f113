import { open, readFile, unlink } from 'node:fs/promises';
import { AppError } from '@cds/domain';
import type { DataDirLayout } from './datadir.js';

export interface DataDirLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding the directory, or null when nobody (a lock left by a dead process does not count). */
export async function lockHolder(layout: DataDirLayout): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(layout.lock, 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

/**
 * One server per data directory: the pid is written with O_EXCL so two starts cannot both win;
 * a lock left behind by a crashed process is taken over.
 */
export async function acquireDataDirLock(layout: DataDirLayout): Promise<DataDirLock> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(layout.lock, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {
        release: async () => {
          if ((await lockHolder(layout)) === process.pid) await unlink(layout.lock).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await lockHolder(layout);
      if (holder !== null) throw new AppError('datadir.locked', { dir: layout.root, pid: holder });
      await unlink(layout.lock).catch(() => undefined);
    }
  }
  throw new AppError('datadir.locked', { dir: layout.root, pid: 'unknown' });
}

export async function assertDataDirFree(layout: DataDirLayout): Promise<void> {
  const holder = await lockHolder(layout);
  if (holder !== null) throw new AppError('datadir.locked', { dir: layout.root, pid: holder });
}
