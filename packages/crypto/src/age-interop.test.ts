/**
 * Interoperability with the reference implementation (Debian age 1.1.1 at /usr/bin/age) in both
 * directions, for X25519 (binary and armored) and passphrase files. age -p always uses work factor 18,
 * which also proves our scrypt memory limit is raised far enough for the keyring (SPEC §2.1).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptBuffer,
  encryptBuffer,
  generateX25519Identity,
  parseIdentityFile,
  parseHeader,
  recipientOf,
} from './index.js';
import { AGE, AGE_KEYGEN, runAge, runAgeWithPassphrase } from './testing/age-cli.js';
import { encryptPieces } from './testing/streams.js';

let dir = '';
const path = (name: string): string => join(dir, name);
const data = randomBytes(3 * 64 * 1024 + 12_345);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cds-age-interop-'));
  await writeFile(path('plain.bin'), data);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('interop with the age CLI', () => {
  it('the CLI is the expected reference version', () => {
    expect(spawnSync(AGE, ['--version'], { encoding: 'utf8' }).stdout.trim()).toMatch(/^v?1\.\d+\.\d+/);
  });

  for (const armor of [false, true]) {
    it(`our X25519 file${armor ? ' (armored)' : ''} opens with age -d -i`, async () => {
      const { identity, recipient } = generateX25519Identity();
      await writeFile(path('ours.key'), `${identity}\n`, { mode: 0o600 });
      await writeFile(
        path('ours.age'),
        await encryptBuffer([{ kind: 'x25519', recipient }], data, { armor }),
      );
      runAge(['-d', '-i', path('ours.key'), '-o', path('ours.out'), path('ours.age')]);
      expect((await readFile(path('ours.out'))).equals(data)).toBe(true);
    });

    it(`age -r${armor ? ' -a' : ''} output (key from age-keygen) opens with our decrypt`, async () => {
      const keygen = spawnSync(AGE_KEYGEN, ['-o', path(`keygen-${armor}.txt`)], { encoding: 'utf8' });
      expect(keygen.status).toBe(0);
      const [identity] = parseIdentityFile(await readFile(path(`keygen-${armor}.txt`), 'utf8'));
      const recipient = recipientOf(identity ?? '');
      expect(keygen.stderr).toContain(recipient); // age-keygen prints "Public key: age1…"
      runAge([...(armor ? ['-a'] : []), '-r', recipient, '-o', path('theirs.age'), path('plain.bin')]);
      const file = await readFile(path('theirs.age'));
      const opened = await decryptBuffer([{ kind: 'x25519', identity: identity ?? '' }], file);
      expect(opened.equals(data)).toBe(true);
    });
  }

  it('a stream big enough to be sealed partly on worker threads (12 MiB) opens with age -d -i', async () => {
    const big = randomBytes(12 * 1024 * 1024 + 12_345);
    const { identity, recipient } = generateX25519Identity();
    await writeFile(path('big.key'), `${identity}\n`, { mode: 0o600 });
    await writeFile(path('big.age'), await encryptPieces([{ kind: 'x25519', recipient }], big, 1_048_579));
    runAge(['-d', '-i', path('big.key'), '-o', path('big.out'), path('big.age')]);
    expect((await readFile(path('big.out'))).equals(big)).toBe(true);
  });

  it('age -r to several recipients opens for each of them with our decrypt', async () => {
    const keys = [generateX25519Identity(), generateX25519Identity()];
    runAge([...keys.flatMap((k) => ['-r', k.recipient]), '-o', path('multi.age'), path('plain.bin')]);
    const file = await readFile(path('multi.age'));
    expect(parseHeader(file).recipientTypes).toEqual(['X25519', 'X25519']);
    for (const key of keys) {
      expect((await decryptBuffer([{ kind: 'x25519', identity: key.identity }], file)).equals(data)).toBe(
        true,
      );
    }
  });

  it('our passphrase file opens with age -d given the passphrase; a wrong one is refused', async () => {
    const small = Buffer.from('{"format":"cds-keyring/1","party":"123456"}');
    await writeFile(
      path('pass.age'),
      await encryptBuffer([{ kind: 'scrypt', passphrase: 'Sch00l-Key-2026', logN: 10 }], small),
    );
    const good = await runAgeWithPassphrase(
      ['-d', '-o', path('pass.out'), path('pass.age')],
      'Sch00l-Key-2026',
    );
    expect(good.code, good.output).toBe(0);
    expect((await readFile(path('pass.out'))).equals(small)).toBe(true);
    const bad = await runAgeWithPassphrase(['-d', '-o', path('pass.bad'), path('pass.age')], 'not-the-key');
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/incorrect passphrase/);
  });

  it('age -p output (work factor 18) opens with our decrypt', async () => {
    const made = await runAgeWithPassphrase(
      ['-p', '-o', path('p.age'), path('plain.bin')],
      'Sch00l-Key-2026',
    );
    expect(made.code, made.output).toBe(0);
    const file = await readFile(path('p.age'));
    const [stanza] = parseHeader(file).stanzas;
    expect(stanza?.type).toBe('scrypt');
    expect(stanza?.args[1]).toBe('18');
    expect(
      (await decryptBuffer([{ kind: 'scrypt', passphrase: 'Sch00l-Key-2026' }], file)).equals(data),
    ).toBe(true);
    await expect(decryptBuffer([{ kind: 'scrypt', passphrase: 'wrong' }], file)).rejects.toMatchObject({
      code: 'age.wrong_passphrase',
    });
  }, 60_000);
});
