import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliFast as runCli } from './testing/cli-harness.js';

const root = await mkdtemp(join(tmpdir(), 'cds-keys-cli-'));
// Test hooks lower the scrypt cost so each unlock takes milliseconds instead of a second.
const env = { CDS_DATA_DIR: root, CDS_TEST_HOOKS: '1', CDS_TEST_SCRYPT_LOGN: '10' };
const file = (name: string) => join(root, name);

async function keyFile(name: string, value: string): Promise<string> {
  await writeFile(file(name), `${value}\n`);
  return file(name);
}

/** age 1.1.1 reads passphrases only from a terminal; `script` gives it one. */
function ageDecryptWithPassphrase(input: string, output: string, passphrase: string): number {
  const result = spawnSync('script', ['-qec', `age -d -o ${output} ${input}`, '/dev/null'], {
    input: `${passphrase}\n`,
    timeout: 20_000,
  });
  return result.status ?? 1;
}

async function initNode(party: string): Promise<void> {
  const init = await runCli(
    ['node', 'init', '--party', party, '--role', 'school', '--hub', 'http://127.0.0.1:9'],
    env,
  );
  expect(init.code, init.stderr).toBe(0);
}

describe('cds keys', () => {
  beforeAll(async () => {
    await initNode('123456');
    await keyFile('k1', 'First-School-Key-1');
    await keyFile('k2', 'Second-School-Key-2');
    await keyFile('k3', 'Third-School-Key-3');
    const created = await runCli(['keys', 'init', '--party', '123456', '--school-key-file', file('k1')], env);
    expect(created.code, created.stderr).toBe(0);
  });

  it('show --json gives kid, age recipient, Ed25519 and transport JWKs, fingerprints, validity', async () => {
    const shown = await runCli(['--json', 'keys', 'show', '--node', '123456'], env);
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout);
    expect(view.keys[0]).toMatchObject({
      kid: expect.stringMatching(/^[0-9a-f]{16}$/),
      ageRecipient: expect.stringMatching(/^age1/),
      ed25519: { kty: 'OKP', crv: 'Ed25519' },
      fingerprint: expect.stringMatching(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/),
      validity: { state: 'valid', daysLeft: 365 },
    });
    expect(view.transport).toMatchObject({ kty: 'OKP', crv: 'Ed25519', fingerprint: expect.any(String) });
    expect(shown.stdout).not.toMatch(/"d"|AGE-SECRET/);
  });

  it('a wrong School Key exits 5 with key.wrong_school_key', async () => {
    const wrong = await runCli(
      [
        'keys',
        'identity',
        '--node',
        '123456',
        '--school-key-file',
        await keyFile('bad', 'Not-The-Right-Key'),
      ],
      env,
    );
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toMatch(/^error key\.wrong_school_key: /m);
  });

  it('the keyring opens with the Debian age command and the School Key', async () => {
    const out = file('keyring.json');
    expect(ageDecryptWithPassphrase(join(root, '123456/keys/keyring.age'), out, 'First-School-Key-1')).toBe(
      0,
    );
    const keyring = JSON.parse(await readFile(out, 'utf8'));
    expect(keyring).toMatchObject({
      format: 'cds-keyring/1',
      party: '123456',
      keys: [{ x25519: expect.stringMatching(/^AGE-SECRET-KEY-1/) }],
    });
  });

  it('after two changes, identity with the newest key opens files sealed by age to each of the three key pairs', async () => {
    const recipients: string[] = [];
    const current = async () =>
      JSON.parse((await runCli(['--json', 'keys', 'show', '--node', '123456'], env)).stdout).keys[0]
        .ageRecipient as string;
    recipients.push(await current());
    for (const [from, to] of [
      ['k1', 'k2'],
      ['k2', 'k3'],
    ] as const) {
      const changed = await runCli(
        [
          'keys',
          'change',
          '--node',
          '123456',
          '--school-key-file',
          file(from),
          '--new-school-key-file',
          file(to),
        ],
        env,
      );
      expect(changed.code, changed.stderr).toBe(0);
      recipients.push(await current());
    }
    const identity = await runCli(
      ['keys', 'identity', '--node', '123456', '--school-key-file', file('k3')],
      env,
    );
    expect(identity.code, identity.stderr).toBe(0);
    await writeFile(file('identities.txt'), identity.stdout);
    for (const [index, recipient] of recipients.entries()) {
      await writeFile(file(`plain-${index}`), `sealed to key ${index}`);
      execFileSync('age', ['-r', recipient, '-o', file(`sealed-${index}.age`), file(`plain-${index}`)]);
      const opened = execFileSync('age', [
        '-d',
        '-i',
        file('identities.txt'),
        file(`sealed-${index}.age`),
      ]).toString();
      expect(opened).toBe(`sealed to key ${index}`);
    }
    const history = JSON.parse((await runCli(['--json', 'keys', 'history', '--node', '123456'], env)).stdout);
    expect(history.map((row: { reason: string }) => row.reason)).toEqual([
      'School Key changed',
      'School Key changed',
      'initial key',
    ]);
  });
});

describe('atomic School Key change under a crash', () => {
  it.each(['keyring.temp_written', 'keyring.temp_synced', 'keyring.renamed'])(
    'killed at %s leaves a keyring that opens with the old or the new key',
    async (point) => {
      const party = String(
        200000 + ['keyring.temp_written', 'keyring.temp_synced', 'keyring.renamed'].indexOf(point),
      );
      await initNode(party);
      await runCli(['keys', 'init', '--party', party, '--school-key-file', file('k1')], env);
      const crashed = await runCli(
        [
          'keys',
          'change',
          '--node',
          party,
          '--school-key-file',
          file('k1'),
          '--new-school-key-file',
          file('k2'),
        ],
        { ...env, CDS_FAULT_POINT: point },
      );
      expect(crashed.code).not.toBe(0);
      const withOld = await runCli(
        ['keys', 'identity', '--node', party, '--school-key-file', file('k1')],
        env,
      );
      const withNew = await runCli(
        ['keys', 'identity', '--node', party, '--school-key-file', file('k2')],
        env,
      );
      const opened = [withOld.code, withNew.code].filter((code) => code === 0);
      expect(opened).toHaveLength(1);
      // Before the rename the old keyring is the one on disk; after it, the new one.
      expect(withNew.code === 0).toBe(point === 'keyring.renamed');
      if (withNew.code === 0) {
        // The interrupted change's history row and statement are restored on the next unlock.
        const history = JSON.parse(
          (await runCli(['--json', 'keys', 'history', '--node', party], env)).stdout,
        );
        expect(history).toHaveLength(2);
      }
    },
  );
});

describe('transport key rotation', () => {
  it('replaces the transport key', async () => {
    const before = JSON.parse((await runCli(['--json', 'keys', 'show', '--node', '123456'], env)).stdout)
      .transport.x;
    const rotated = await runCli(['--json', 'node', 'rotate-transport-key', '--node', '123456'], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.stdout).transport.x).not.toBe(before);
  });
});
