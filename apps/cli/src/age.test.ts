import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliFast as runCli } from './testing/cli-harness.js';

const root = await mkdtemp(join(tmpdir(), 'cds-age-cli-'));
const env = { CDS_DATA_DIR: root, CDS_TEST_HOOKS: '1', CDS_TEST_SCRYPT_LOGN: '10' };
const file = (name: string) => join(root, name);

describe('cds age (interop with the Debian age command)', () => {
  it('cds age encrypt output opens with age -d -i, to several recipients', async () => {
    execFileSync('age-keygen', ['-o', file('a.key')], { stdio: 'ignore' });
    execFileSync('age-keygen', ['-o', file('b.key')], { stdio: 'ignore' });
    const recipientOf = (key: string) =>
      execFileSync('age-keygen', ['-y', file(key)])
        .toString()
        .trim();
    const plain = randomBytes(200_000);
    await writeFile(file('plain.bin'), plain);
    const sealed = await runCli([
      'age',
      'encrypt',
      '--to',
      recipientOf('a.key'),
      '--to',
      recipientOf('b.key'),
      '--in',
      file('plain.bin'),
      '--out',
      file('sealed.age'),
    ]);
    expect(sealed.code, sealed.stderr).toBe(0);
    for (const key of ['a.key', 'b.key']) {
      expect(execFileSync('age', ['-d', '-i', file(key), file('sealed.age')]).equals(plain)).toBe(true);
    }
  });

  it("age -r output opens with cds age decrypt and the node's School Key; a wrong key leaves no output", async () => {
    await runCli(
      ['node', 'init', '--party', '654321', '--role', 'school', '--hub', 'http://127.0.0.1:9'],
      env,
    );
    await writeFile(file('sk'), 'Interop-School-Key-9\n');
    expect(
      (await runCli(['keys', 'init', '--party', '654321', '--school-key-file', file('sk')], env)).code,
    ).toBe(0);
    const recipient = JSON.parse((await runCli(['--json', 'keys', 'show', '--node', '654321'], env)).stdout)
      .keys[0].ageRecipient as string;
    const plain = randomBytes(3 * 65536 + 7);
    await writeFile(file('p2.bin'), plain);
    execFileSync('age', ['-r', recipient, '-o', file('c2.age'), file('p2.bin')]);
    const opened = await runCli(
      [
        'age',
        'decrypt',
        '--node',
        '654321',
        '--school-key-file',
        file('sk'),
        '--in',
        file('c2.age'),
        '--out',
        file('o2.bin'),
      ],
      env,
    );
    expect(opened.code, opened.stderr).toBe(0);
    expect((await readFile(file('o2.bin'))).equals(plain)).toBe(true);

    await writeFile(file('wrong'), 'Not-The-School-Key-1\n');
    const refused = await runCli(
      [
        'age',
        'decrypt',
        '--node',
        '654321',
        '--school-key-file',
        file('wrong'),
        '--in',
        file('c2.age'),
        '--out',
        file('o3.bin'),
      ],
      env,
    );
    expect(refused.code).toBe(5);
    await expect(stat(file('o3.bin'))).rejects.toThrow();
  });

  it('a tampered file fails with a named age error and leaves no output; a bad recipient is refused', async () => {
    const recipient = JSON.parse((await runCli(['--json', 'keys', 'show', '--node', '654321'], env)).stdout)
      .keys[0].ageRecipient as string;
    await writeFile(file('t.bin'), randomBytes(100_000));
    expect(
      (await runCli(['age', 'encrypt', '--to', recipient, '--in', file('t.bin'), '--out', file('t.age')]))
        .code,
    ).toBe(0);
    const bytes = await readFile(file('t.age'));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0x01, bytes.length - 100);
    await writeFile(file('t.age'), bytes);
    const opened = await runCli(
      [
        'age',
        'decrypt',
        '--node',
        '654321',
        '--school-key-file',
        file('sk'),
        '--in',
        file('t.age'),
        '--out',
        file('t.out'),
      ],
      env,
    );
    expect(opened.code).not.toBe(0);
    expect(opened.stderr).toMatch(/^error age\.payload_invalid: /m);
    await expect(stat(file('t.out'))).rejects.toThrow();

    const refused = await runCli([
      'age',
      'encrypt',
      '--to',
      'not-a-recipient',
      '--in',
      file('t.bin'),
      '--out',
      file('x.age'),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error age\.recipient_invalid: /m);
    await expect(stat(file('x.age'))).rejects.toThrow();
  });
});
