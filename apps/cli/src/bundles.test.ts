import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportForParty, ingestBundle } from '@cds/hub';
import {
  addUser,
  authContextOf,
  decryptIncoming,
  exportMessages,
  importBundle,
  startNode,
  type NodeServices,
} from '@cds/node';
import { freePort } from './testing/cli-harness.js';
import { createBundleWorld, schoolKeyOf, type BundleWorld } from './testing/bundle-world.js';

const SCHOOL = '123456';
const EDB = 'EDB';

let world: BundleWorld;
beforeAll(async () => {
  world = await createBundleWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
});
afterAll(async () => world?.close());

const statusOf = async (services: NodeServices, id: string) =>
  (await services.repos.outgoing.get(id))?.status ?? (await services.repos.incoming.get(id))?.status;

async function read(services: NodeServices, blob: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await services.blobs.get(blob)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('offline bundles: the round trips of SPEC §5', () => {
  it('hub down → SEND_FAIL → export → hub ingest → SENT on the next cycle, RECEIVED after EDB’s', async () => {
    const school = world.node(SCHOOL);
    const id = await world.send(SCHOOL, EDB, randomBytes(5000));
    const ready = (await world.node(SCHOOL).repos.outgoing.list({ status: ['READY'] })).items.map(
      (m) => m.id,
    );
    expect(ready).toEqual([]);

    await world.stopHub();
    expect((await world.cycle(SCHOOL)).stoppedBy).toBe('transport.hub_unreachable');
    expect(await statusOf(school, id)).toBe('SEND_FAIL');

    const file = join(world.root, 'school-export.zip');
    const exported = await exportMessages(school, { ids: [id], out: file, actor: 'head' });
    expect(exported.outcomes).toMatchObject([{ id, ok: true, message: { status: 'SEND_FAIL' } }]);
    expect((await school.repos.outgoing.get(id))?.exportedAt).not.toBeNull();
    expect(await school.repos.bundles.exports(id)).toMatchObject([{ by: 'head', file: 'school-export.zip' }]);

    await world.startHub();
    const ingested = await world.withHub((hub) => ingestBundle(hub, { file, actor: 'operator' }));
    expect(ingested).toEqual({ party: SCHOOL, messages: [{ id, outcome: 'accepted' }] });
    // The same bundle again, or the school's own upload later, changes nothing.
    const again = await world.withHub((hub) => ingestBundle(hub, { file, actor: 'operator' }));
    expect(again.messages).toEqual([{ id, outcome: 'duplicate' }]);

    await world.cycle(SCHOOL);
    expect(await statusOf(school, id)).toBe('SENT');
    await world.cycle(EDB);
    expect(await statusOf(world.node(EDB), id)).toBe('ENCRYPTED');
    await world.cycle(SCHOOL);
    expect(await statusOf(school, id)).toBe('RECEIVED');
  });

  it('hub export-for → school import → decrypt gives identical content; a later download stores nothing twice', async () => {
    const school = world.node(SCHOOL);
    const edb = world.node(EDB);
    const content = randomBytes(70_000);
    const id = await world.send(EDB, SCHOOL, content, 'TSA parameter file');
    await world.cycle(EDB);
    expect(await statusOf(edb, id)).toBe('SENT');

    const file = join(world.root, `for-${SCHOOL}.zip`);
    const exported = await world.withHub((hub) =>
      exportForParty(hub, { party: SCHOOL, out: file, actor: 'operator' }),
    );
    expect(exported).toMatchObject({ party: SCHOOL, messages: [id], remaining: false });
    await expect(
      world.withHub((hub) =>
        exportForParty(hub, { party: '654321', out: join(world.root, 'none.zip'), actor: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'bundle.nothing_to_export' });

    const imported = await importBundle(school, { file, actor: 'head' });
    expect(imported.messages).toEqual([{ id, from: EDB, outcome: 'ENCRYPTED' }]);
    expect(await school.repos.bundles.imported(id)).toMatchObject({ by: 'head', file: `for-${SCHOOL}.zip` });
    const row = await school.database.db
      .selectFrom('incoming_messages')
      .select('bundle_imported_at')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.bundle_imported_at).toEqual(expect.any(Number));
    expect((await importBundle(school, { file, actor: 'head' })).messages).toEqual([
      { id, from: EDB, outcome: 'duplicate' },
    ]);

    const [decrypted] = await decryptIncoming(school, {
      ids: [id],
      schoolKey: schoolKeyOf(SCHOOL),
      actor: 'head',
    });
    expect(decrypted).toMatchObject({ ok: true, message: { status: 'DECRYPTED' } });
    const [attachment] = await school.repos.incoming.attachments(id);
    expect(attachment?.displayName).toBe('form-a.csv');
    expect((await read(school, attachment?.blob ?? '')).equals(content)).toBe(true);

    // The delivery is still pending at the hub: the cycle acknowledges it without a second copy.
    const report = await world.cycle(SCHOOL);
    expect(report.events).toContainEqual(
      expect.objectContaining({ step: 'download', messageId: id, outcome: 'duplicate' }),
    );
    expect((await school.repos.incoming.list({})).items.filter((m) => m.id === id)).toHaveLength(1);
    expect(await statusOf(school, id)).toBe('DECRYPTED');
    expect((await school.repos.incoming.get(id))?.acknowledgedAt).not.toBeNull();
    await world.cycle(EDB);
    expect(await statusOf(edb, id)).toBe('RECEIVED');
  });

  it('POST /v1/bundles ingests over HTTP with the bundle’s own signature, and refuses what is not one', async () => {
    const school = world.node(SCHOOL);
    const id = await world.send(SCHOOL, EDB, randomBytes(2000));
    await world.stopHub();
    await world.cycle(SCHOOL);
    await world.startHub();
    const file = join(world.root, 'over-http.zip');
    await exportMessages(school, { ids: [id], out: file, actor: 'head' });

    const post = (body: Uint8Array, type = 'application/zip') =>
      fetch(`${world.hubUrl}/v1/bundles`, { method: 'POST', headers: { 'content-type': type }, body });
    const accepted = await post(await readFile(file));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ party: SCHOOL, messages: [{ id, outcome: 'accepted' }] });

    const junk = await post(Buffer.from('not a zip at all'));
    expect(junk.status).toBe(422);
    expect(await junk.json()).toMatchObject({ error: { code: 'bundle.not_a_bundle' } });
    const wrongType = await post(Buffer.from('{}'), 'application/json');
    expect(wrongType.status).toBe(400);

    await world.cycle(SCHOOL);
    expect(await statusOf(school, id)).toBe('SENT');
  });

  it('the web API downloads an export as a zip and imports an uploaded bundle (匯出訊息 / 匯入訊息)', async () => {
    const school = world.node(SCHOOL);
    const auth = authContextOf(school);
    const password = 'Correct-Horse-42';
    for (const [username, group] of [
      ['head', 'SCHOOL_HEAD'],
      ['clerk', 'STAFF'],
    ] as const) {
      await addUser(auth, { username, groups: [group], password, mustChangePassword: false, actor: 'test' });
    }
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = await startNode({
      dataDir: world.dataDir(SCHOOL),
      host: '127.0.0.1',
      port,
      handleSignals: false,
      routes: { transmission: { scheduler: false } },
    });
    try {
      const login = async (username: string) => {
        const response = await fetch(`${origin}/api/session`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        expect(response.status).toBe(200);
        return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      };
      const head = await login('head');
      const post = (cookie: string, path: string, body: string | Uint8Array, type: string, extra = {}) =>
        fetch(`${origin}${path}`, {
          method: 'POST',
          headers: { origin, cookie, 'content-type': type, ...extra },
          body,
        });

      const id = await world.send(SCHOOL, EDB, randomBytes(1500));
      await world.stopHub();
      await world.cycle(SCHOOL);
      await world.startHub();
      const refused = await post(
        await login('clerk'),
        '/api/exports',
        JSON.stringify({ ids: [id] }),
        'application/json',
      );
      expect(refused.status).toBe(403);
      const download = await post(head, '/api/exports', JSON.stringify({ ids: [id] }), 'application/json');
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/zip');
      expect(download.headers.get('content-disposition')).toMatch(
        /^attachment; filename="cds-export-123456-.+\.zip"$/,
      );
      expect(download.headers.get('cds-export-outcomes')).toBe(`${id}:ok`);
      const file = join(world.root, 'downloaded.zip');
      await writeFile(file, Buffer.from(await download.arrayBuffer()));
      expect((await world.withHub((hub) => ingestBundle(hub, { file, actor: 'operator' }))).messages).toEqual(
        [{ id, outcome: 'accepted' }],
      );

      const incoming = await world.send(EDB, SCHOOL, randomBytes(1500));
      await world.cycle(EDB);
      const bundle = join(world.root, 'for-upload.zip');
      await world.withHub((hub) => exportForParty(hub, { party: SCHOOL, out: bundle, actor: 'operator' }));
      const imported = await post(head, '/api/imports', await readFile(bundle), 'application/zip', {
        'cds-bundle-name': 'from-the-hub.zip',
      });
      expect(imported.status).toBe(200);
      expect(await imported.json()).toEqual({
        messages: [{ id: incoming, from: EDB, outcome: 'ENCRYPTED' }],
      });
      expect((await school.repos.bundles.imported(incoming))?.file).toBe('from-the-hub.zip');
    } finally {
      await server.close();
    }
  });
});
