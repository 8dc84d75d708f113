/**
 * encryptFile (what `cds age encrypt` runs) writes the same age format as encryptStream at every size
 * edge: chunk and batch boundaries, the empty file, and inputs big enough for the worker threads, whose
 * output the Debian age command must open. Anything that is not a regular file (here a named pipe)
 * streams through instead, and must finish rather than hang.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBuffer, encryptFile, generateX25519Identity, type Identity } from './index.js';
import { runAge } from './testing/age-cli.js';

const KIB = 1024;
const MIB = 1024 * KIB;
const key = generateX25519Identity();
const to = [{ kind: 'x25519' as const, recipient: key.recipient }];
const as: Identity[] = [{ kind: 'x25519', identity: key.identity }];
let dir = '';
const path = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cds-encrypt-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encryptFile', () => {
  it('round-trips at every chunk and batch edge, the empty file included', async () => {
    const sizes = [0, 1, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, MIB, MIB + 64 * KIB + 1];
    for (const size of sizes) {
      const data = randomBytes(size);
      await writeFile(path('in.bin'), data);
      await encryptFile(to, path('in.bin'), path('out.age'));
      const file = await readFile(path('out.age'));
      // Header and nonce, then one 16-byte tag per chunk (an empty file has one empty chunk).
      const chunks = Math.max(1, Math.ceil(size / (64 * KIB)));
      expect(file.length - size - chunks * 16, `${size}`).toBeGreaterThan(0);
      expect((await decryptBuffer(as, file)).equals(data), `${size}`).toBe(true);
    }
  });

  it('a file sealed partly on worker threads (18 MiB + 5) opens with age -d -i', async () => {
    const data = randomBytes(18 * MIB + 5);
    await writeFile(path('big.bin'), data);
    await writeFile(path('big.key'), `${key.identity}\n`, { mode: 0o600 });
    await encryptFile(to, path('big.bin'), path('big.age'));
    runAge(['-d', '-i', path('big.key'), '-o', path('big.out'), path('big.age')]);
    expect((await readFile(path('big.out'))).equals(data)).toBe(true);
  });

  it('streams what is not a regular file (a named pipe) and finishes', async () => {
    expect(spawnSync('mkfifo', [path('fifo')]).status).toBe(0);
    const data = randomBytes(3 * MIB + 17);
    const writer = createWriteStream(path('fifo'));
    writer.end(data);
    await encryptFile(to, path('fifo'), path('fifo.age'));
    expect((await decryptBuffer(as, await readFile(path('fifo.age')))).equals(data)).toBe(true);
  });

  it('refuses bad recipients before creating the output', async () => {
    await expect(
      encryptFile([{ kind: 'x25519', recipient: key.identity }], path('in.bin'), path('never.age')),
    ).rejects.toMatchObject({ code: 'age.recipient_invalid' });
    await expect(readFile(path('never.age'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
