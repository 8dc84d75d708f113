import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { generateEd25519 } from '@cds/keys';
import { contentDigestFromHex, signRequest } from '@cds/transport';
import { freePort, runCliFast as runCli, startCli } from './testing/cli-harness.js';

const root = await mkdtemp(join(tmpdir(), 'cds-registration-'));
const env = { CDS_DATA_DIR: root, CDS_TEST_HOOKS: '1', CDS_TEST_SCRYPT_LOGN: '10' };
let hubUrl = '';
let hub: Awaited<ReturnType<typeof startCli>> | undefined;

async function cli(args: string[]) {
  return runCli(args, env);
}

async function prepareNode(party: string, role: 'school' | 'agency' = 'school'): Promise<void> {
  expect((await cli(['node', 'init', '--party', party, '--role', role, '--hub', hubUrl])).code).toBe(0);
  await writeFile(join(root, `key-${party}`), `School-Key-For-${party}\n`);
  const keys = await cli(['keys', 'init', '--party', party, '--school-key-file', join(root, `key-${party}`)]);
  expect(keys.code, keys.stderr).toBe(0);
}

async function issueCode(party: string): Promise<string> {
  const issued = await cli(['hub', 'issue-code', '--party', party]);
  expect(issued.code, issued.stderr).toBe(0);
  return issued.stdout.trim().split('\n').at(-1)!;
}

async function directory(party: string) {
  return JSON.parse((await cli(['--json', 'directory', 'show', '--node', party])).stdout) as {
    head: { seq: number } | null;
    keys: Array<{ party: string; kid: string; fingerprint: string; trust: string }>;
    parties: Array<{ party: string; revoked: boolean }>;
  };
}

beforeAll(async () => {
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${port}`;
  hub = await startCli(['hub', 'start', '--port', String(port)], hubUrl, env);
});
afterAll(() => {
  hub?.kill('SIGTERM');
});

describe('registration (系統註冊) over real HTTP', () => {
  it('registers a node with a code printed as the last line, pins the hub key and verifies the directory', async () => {
    await prepareNode('EDB', 'agency');
    const code = await issueCode('EDB');
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const registered = await cli(['--json', 'register', '--node', 'EDB', '--code', code.toLowerCase()]);
    expect(registered.code, registered.stderr).toBe(0);
    const state = JSON.parse(registered.stdout);
    const hubInfo = (await (await fetch(`${hubUrl}/v1/hub`)).json()) as { fingerprint: string };
    expect(state.hubFingerprint).toBe(hubInfo.fingerprint);
    expect((await directory('EDB')).keys).toEqual([
      expect.objectContaining({ party: 'EDB', trust: 'first' }),
    ]);
  });

  it('refuses a used code, a wrong code and re-registration, each with its own code', async () => {
    await prepareNode('123456');
    const code = await issueCode('123456');
    const wrong = await cli(['register', '--node', '123456', '--code', 'AAAAA-AAAAA-AAAAA-AAAAA']);
    expect(wrong.code).toBe(7);
    expect(wrong.stderr).toMatch(/^error registration\.invalid_code: /m);
    expect((await cli(['register', '--node', '123456', '--code', code])).code).toBe(0);
    const again = await cli(['register', '--node', '123456', '--code', code]);
    expect(again.code).toBe(7);
    expect(again.stderr).toMatch(/^error registration\.already_registered: /m);
    // The school now sees EDB's key, pinned as the first one seen.
    expect((await directory('123456')).keys.map((key) => key.party).sort()).toEqual(['123456', 'EDB']);
  });

  it('voids a code after five wrong attempts', async () => {
    await prepareNode('654321');
    const code = await issueCode('654321');
    for (let i = 0; i < 5; i += 1) {
      expect((await cli(['register', '--node', '654321', '--code', `BBBBB-BBBBB-BBBBB-BBBB${i}`])).code).toBe(
        7,
      );
    }
    const late = await cli(['register', '--node', '654321', '--code', code]);
    expect(late.code).toBe(7);
    expect(late.stderr).toMatch(/registration\.invalid_code/);
    expect((await cli(['register', '--node', '654321', '--code', await issueCode('654321')])).code).toBe(0);
  });

  it('after revocation a recovered key registers again and other nodes hold it as 未核實 until confirmed', async () => {
    expect((await cli(['hub', 'revoke', '--party', '123456'])).code).toBe(0);
    await writeFile(join(root, 'new-123456'), 'Brand-New-School-Key-1\n');
    const recovered = await cli([
      '--json',
      'keys',
      'change',
      '--recover',
      '--node',
      '123456',
      '--new-school-key-file',
      join(root, 'new-123456'),
    ]);
    expect(recovered.code, recovered.stderr).toBe(0);
    const fingerprint = JSON.parse(recovered.stdout).fingerprint as string;
    expect((await cli(['register', '--node', '123456', '--code', await issueCode('123456')])).code).toBe(0);

    expect((await cli(['directory', 'refresh', '--node', 'EDB'])).code).toBe(0);
    const seen = await directory('EDB');
    expect(seen.keys.find((key) => key.fingerprint === fingerprint)?.trust).toBe('unconfirmed');
    const wrongFp = await cli([
      'directory',
      'confirm',
      '--node',
      'EDB',
      '--party',
      '123456',
      '--fingerprint',
      '0000-0000',
    ]);
    expect(wrongFp.code).toBe(2);
    const confirmed = await cli([
      'directory',
      'confirm',
      '--node',
      'EDB',
      '--party',
      '123456',
      '--fingerprint',
      fingerprint.toLowerCase().replaceAll('-', ' '),
    ]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect((await directory('EDB')).keys.find((key) => key.fingerprint === fingerprint)?.trust).toBe(
      'confirmed',
    );
  });

  it('refuses unsigned, wrongly signed, tampered and replayed registration requests with their own codes', async () => {
    const signer = generateEd25519().privateJwk;
    const key = { ...signer, kid: 't-test' };
    const body = JSON.stringify({
      code: 'AAAAA-AAAAA-AAAAA-AAAAA',
      party: '444444',
      statement: { payload: 'e30', signatures: [{ protected: 'e30', signature: 'AA' }] },
      transportKey: { kid: key.kid, x: key.x },
      softwareVersion: '0.0.1',
    });
    const url = `${hubUrl}/v1/register`;
    const send = async (payload: string, headers: Record<string, string>) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
      return {
        status: response.status,
        code: ((await response.json()) as { error: { code: string } }).error.code,
      };
    };
    const digestOf = (text: string) => contentDigestFromHex(createHash('sha256').update(text).digest('hex'));
    expect(await send(body, {})).toMatchObject({ code: 'transport.signature_missing' });
    const other = { ...generateEd25519().privateJwk, kid: 't-test' };
    const forged = await signRequest({
      method: 'POST',
      url,
      bodyDigest: digestOf(body),
      key: other,
      now: Date.now(),
    });
    expect(await send(body, { ...forged })).toMatchObject({ code: 'transport.bad_signature' });
    const signed = await signRequest({
      method: 'POST',
      url,
      bodyDigest: digestOf(body),
      key,
      now: Date.now(),
    });
    expect(await send(body.replace('444444', '444445'), { ...signed })).toMatchObject({
      code: 'transport.bad_digest',
    });
    const fresh = await signRequest({
      method: 'POST',
      url,
      bodyDigest: digestOf(body),
      key,
      now: Date.now(),
    });
    expect(await send(body, { ...fresh })).toMatchObject({ code: 'registration.invalid_code' });
    expect(await send(body, { ...fresh })).toMatchObject({ code: 'transport.replayed' });
  });

  it('refuses a hub whose key differs from the pinned fingerprint', async () => {
    const dir = join(root, 'pinned');
    const init = await runCli(
      [
        'node',
        'init',
        '--data-dir',
        dir,
        '--party',
        '333333',
        '--role',
        'school',
        '--hub',
        hubUrl,
        '--hub-key',
        'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-0000-1111',
      ],
      env,
    );
    expect(init.code, init.stderr + init.stdout).toBe(0);
    const refused = await runCli(['directory', 'refresh', '--data-dir', dir], env);
    expect(refused.code).toBe(3);
    await writeFile(join(root, 'key-333333'), 'School-Key-For-333333\n');
    await runCli(
      ['keys', 'init', '--data-dir', dir, '--party', '333333', '--school-key-file', join(root, 'key-333333')],
      env,
    );
    const mismatch = await runCli(['directory', 'refresh', '--data-dir', dir], env);
    expect(mismatch.code).toBe(7);
    expect(mismatch.stderr).toMatch(/^error transport\.hub_key_mismatch: /m);
  });
});
