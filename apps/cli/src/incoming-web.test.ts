/**
 * 匯入訊息 → 接收訊息 → 解密 → 下載 → 回覆 over the node's real HTTP API, with a real hub export-for
 * bundle of a message EDB sealed (the in-process route tests cover the refusals one by one).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportForParty } from '@cds/hub';
import { addUser, authContextOf, startNode } from '@cds/node';
import { freePort } from './testing/cli-harness.js';
import { createBundleWorld, schoolKeyOf, type BundleWorld } from './testing/bundle-world.js';

const SCHOOL = '123456';
const EDB = 'EDB';
const PASSWORD = 'Correct-Horse-42';

let world: BundleWorld;
beforeAll(async () => {
  world = await createBundleWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
});
afterAll(async () => world?.close());

describe('接收訊息 over HTTP with a real sealed message', () => {
  it('imports the hub’s bundle, lists it unread, decrypts it with the School Key, serves the attachment, replies', async () => {
    const school = world.node(SCHOOL);
    await addUser(authContextOf(school), {
      username: 'head',
      groups: ['SCHOOL_HEAD'],
      password: PASSWORD,
      mustChangePassword: false,
      actor: 'test',
    });
    const content = randomBytes(30_000);
    const id = await world.send(EDB, SCHOOL, content, 'TSA parameter file');
    await world.cycle(EDB);
    const bundle = join(world.root, 'for-school.zip');
    await world.withHub((hub) => exportForParty(hub, { party: SCHOOL, out: bundle, actor: 'operator' }));

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
      const login = await fetch(`${origin}/api/session`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'head', password: PASSWORD }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const call = (
        path: string,
        init: { method?: string; body?: unknown; raw?: Uint8Array; headers?: object } = {},
      ) =>
        fetch(`${origin}${path}`, {
          method: init.method ?? 'GET',
          headers: {
            origin,
            cookie,
            'content-type': init.raw ? 'application/zip' : 'application/json',
            ...init.headers,
          },
          ...(init.raw ? { body: init.raw } : init.body ? { body: JSON.stringify(init.body) } : {}),
        });

      const junk = await call('/api/imports', { method: 'POST', raw: Buffer.from('not a zip') });
      expect([junk.status, ((await junk.json()) as { error: { code: string } }).error.code]).toEqual([
        422,
        'bundle.not_a_bundle',
      ]);
      const empty = (await (await call('/api/messages/incoming')).json()) as {
        items: unknown[];
        unread: number;
      };
      expect(empty).toMatchObject({ items: [], unread: 0 });

      const imported = await call('/api/imports', {
        method: 'POST',
        raw: await readFile(bundle),
        headers: { 'cds-bundle-name': encodeURIComponent('教育局 匯出.zip') },
      });
      expect(await imported.json()).toEqual({ messages: [{ id, from: EDB, outcome: 'ENCRYPTED' }] });
      const list = (await (await call('/api/messages/incoming')).json()) as {
        items: { id: string; read: boolean; status: string }[];
        unread: number;
      };
      expect(list.unread).toBe(1);
      expect(list.items).toMatchObject([{ id, read: false, status: 'ENCRYPTED' }]);
      const shown = (await (await call(`/api/messages/incoming/${id}`)).json()) as {
        importedFrom: { file: string };
      };
      expect(shown.importedFrom.file).toBe('教育局 匯出.zip');

      const wrong = await call('/api/messages/incoming/decrypt', {
        method: 'POST',
        body: { ids: [id], schoolKey: 'Not-The-School-Key-2026' },
      });
      expect([wrong.status, ((await wrong.json()) as { error: { code: string } }).error.code]).toEqual([
        403,
        'key.wrong_school_key',
      ]);
      expect((await school.repos.incoming.get(id))?.status).toBe('ENCRYPTED');

      const decrypted = await call('/api/messages/incoming/decrypt', {
        method: 'POST',
        body: { ids: [id], schoolKey: schoolKeyOf(SCHOOL).toString() },
      });
      expect(await decrypted.json()).toEqual({ outcomes: [{ id, ok: true, status: 'DECRYPTED' }] });
      const attachment = await call(`/api/messages/incoming/${id}/attachments/1`);
      expect(attachment.headers.get('content-disposition')).toContain('filename="form-a.csv"');
      expect(Buffer.from(await attachment.arrayBuffer()).equals(content)).toBe(true);

      const reply = await call(`/api/messages/incoming/${id}/reply`, { method: 'POST', body: {} });
      expect(reply.status).toBe(201);
      const { id: replyId } = (await reply.json()) as { id: string };
      expect(await school.repos.outgoing.get(replyId)).toMatchObject({
        status: 'READY',
        to: [EDB],
        replyToId: id,
        type: 'RPL',
      });
    } finally {
      await server.close();
    }
  });
});
