import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeServices, showMessage, type NodeServices } from '@cds/node';
import { runCliFast as runCli } from './testing/cli-harness.js';

// One node, no hub: these commands work on the local store only.
const root = await mkdtemp(join(tmpdir(), 'cds-message-actions-'));
const env = { CDS_DATA_DIR: root, CDS_TEST_HOOKS: '1' };
const cli = (args: readonly string[]) => runCli(args, env);
let services: NodeServices;

async function create(description: string): Promise<string> {
  const created = await cli([
    ...['message', 'create', '--node', '123456', '--to', 'EDB', '--subject', 'GEN', '--type', 'SUB'],
    ...['--description', description, '--attach', join(root, 'a.csv')],
  ]);
  expect(created.code, created.stderr).toBe(0);
  return created.stdout.trim();
}

beforeAll(async () => {
  const init = await cli([
    'node',
    'init',
    '--party',
    '123456',
    '--role',
    'school',
    '--hub',
    'http://127.0.0.1:1',
  ]);
  expect(init.code, init.stderr).toBe(0);
  await writeFile(join(root, 'a.csv'), '1,2\n');
  services = await openNodeServices(join(root, '123456'));
});
afterAll(async () => {
  await services?.close();
  await rm(root, { recursive: true, force: true });
});

describe('cds message reject | delete | archive | unarchive | payload', () => {
  it('rejects a READY message with a reason, archives it, brings it back and deletes it', async () => {
    const id = await create('to reject');
    const rejected = await cli([
      '--json',
      'message',
      'reject',
      '--node',
      '123456',
      '--id',
      id,
      '--reason',
      '欠缺附件',
    ]);
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      id,
      box: 'outgoing',
      status: 'REJECTED',
      lastError: '欠缺附件',
    });
    const again = await cli(['message', 'reject', '--node', '123456', '--id', id, '--reason', 'x']);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^error message\.invalid_transition: /m);

    expect((await cli(['message', 'archive', '--node', '123456', '--ids', id])).stdout).toBe(
      `${id} REJECTED\n`,
    );
    expect((await showMessage(services, id)).archived).toBe(true);
    expect((await cli(['message', 'archive', '--undo', '--node', '123456', '--ids', id])).code).toBe(0);
    expect((await showMessage(services, id)).archived).toBe(false);

    const deleted = await cli(['--json', 'message', 'delete', '--node', '123456', '--ids', id]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual([{ id, ok: true, status: 'DELETED' }]);
    expect(await services.repos.outgoing.get(id)).toBeNull();
  }, 60_000);

  it('writes the sealed payload to a file, never over an existing one', async () => {
    const id = await create('sealed');
    const ready = await services.repos.outgoing.get(id);
    const bytes = Buffer.from('age-encryption.org/v1\n');
    const blob = await services.blobs.put(Readable.from([bytes]));
    await services.repos.outgoing.update(id, ready?.version ?? 0, {
      status: 'SENT',
      payloadBlob: blob.sha256,
      payloadSha256: blob.sha256,
      payloadSize: blob.size,
    });
    const out = join(root, 'payload.age');
    const written = await cli(['message', 'payload', '--node', '123456', '--id', id, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toBe(`${out}\n`);
    expect(await readFile(out)).toEqual(bytes);

    const again = await cli(['message', 'payload', '--node', '123456', '--id', id, '--out', out]);
    // The same file again: it is never overwritten.
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^error message\.file_exists: /m);
  }, 60_000);
});
