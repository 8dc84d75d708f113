import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLayout, layoutOf } from './datadir.js';
import { acquireDataDirLock, assertDataDirFree, lockHolder } from './lock.js';

async function freshLayout() {
  const layout = layoutOf(await mkdtemp(join(tmpdir(), 'cds-lock-')));
  await ensureLayout(layout);
  return layout;
}

describe('data directory lock', () => {
  it('lets one holder in and names it to the next', async () => {
    const layout = await freshLayout();
    const lock = await acquireDataDirLock(layout);
    expect(await lockHolder(layout)).toBe(process.pid);
    await expect(acquireDataDirLock(layout)).rejects.toMatchObject({
      code: 'datadir.locked',
      details: { pid: process.pid },
    });
    await expect(assertDataDirFree(layout)).rejects.toMatchObject({ code: 'datadir.locked' });
    await lock.release();
    await assertDataDirFree(layout);
    const again = await acquireDataDirLock(layout);
    await again.release();
  });

  it('takes over a lock left by a dead process', async () => {
    const layout = await freshLayout();
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await writeFile(layout.lock, `${dead}\n`);
    expect(await lockHolder(layout)).toBeNull();
    const lock = await acquireDataDirLock(layout);
    expect((await readFile(layout.lock, 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
  });
});
