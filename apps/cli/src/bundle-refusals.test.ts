import { randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileBundles, readBaseBundle, type HostileCase } from '@cds/bundle/testing';
import { createDatabase, type HubDatabase, type NodeDatabase } from '@cds/db';
import { isAppError } from '@cds/domain';
import { exportForParty, ingestBundle } from '@cds/hub';
import { readTransportKey } from '@cds/keys';
import { exportMessages, importBundle, type NodeServices } from '@cds/node';
import { createBundleWorld, type BundleWorld } from './testing/bundle-world.js';

const SCHOOL = '123456';
const EDB = 'EDB';

let world: BundleWorld;
let forSchool: HostileCase[];
let forHub: HostileCase[];

const signerOf = async (file: string) => {
  const key = await readTransportKey(file);
  return { kid: key.kid, privateJwk: { kty: key.kty, crv: key.crv, x: key.x, d: key.d } };
};

/** Each case is a real bundle with one thing wrong: an export-for for the school, an export for the hub. */
beforeAll(async () => {
  world = await createBundleWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
  await world.send(EDB, SCHOOL, randomBytes(4000));
  await world.cycle(EDB);
  const delivery = join(world.root, 'base-delivery.zip');
  await world.withHub((hub) => exportForParty(hub, { party: SCHOOL, out: delivery, actor: 'operator' }));
  const hubSigner = await signerOf(join(world.hubDir, 'keys', 'hub.jwk'));
  forSchool = await hostileBundles(await readBaseBundle(delivery, hubSigner), { otherParty: '654321' });

  const school = world.node(SCHOOL);
  const id = await world.send(SCHOOL, EDB, randomBytes(4000));
  await world.stopHub();
  await world.cycle(SCHOOL);
  await world.startHub();
  const upload = join(world.root, 'base-upload.zip');
  await exportMessages(school, { ids: [id], out: upload, actor: 'head' });
  const schoolSigner = await signerOf(school.keys.paths.transportKey);
  forHub = await hostileBundles(await readBaseBundle(upload, schoolSigner), { otherParty: '654321' });
});
afterAll(async () => world?.close());

async function blobFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function nodeState(services: NodeServices) {
  const db = services.database.db;
  const count = async (table: keyof NodeDatabase) =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    incoming: await count('incoming_messages'),
    imports: await count('incoming_imports'),
    refused: await count('refused_deliveries'),
    tombstones: await count('tombstones'),
    blobs: await blobFiles(services.layout.blobs),
  };
}

async function hubState() {
  const handle = createDatabase<HubDatabase>({ kind: 'sqlite', file: join(world.hubDir, 'cds.sqlite') });
  try {
    const db = handle.db;
    const count = async (table: keyof HubDatabase) =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return {
      messages: await count('messages'),
      deliveries: await count('deliveries'),
      ingests: await count('message_ingests'),
      blobs: await blobFiles(join(world.hubDir, 'blobs')),
    };
  } finally {
    await handle.close();
  }
}

const codeOf = (error: unknown): string =>
  isAppError(error) ? error.code : `not an AppError: ${String(error)}`;

describe('hostile bundles are refused with their reason and change nothing (SPEC §5)', () => {
  it('at the school’s import, every generated case', async () => {
    const school = world.node(SCHOOL);
    const before = await nodeState(school);
    expect(forSchool.length).toBeGreaterThanOrEqual(25);
    for (const [index, hostile] of forSchool.entries()) {
      const file = join(world.root, `hostile-import-${index}.zip`);
      await writeFile(file, hostile.bytes);
      const refused = await importBundle(school, { file, actor: 'head' }).then(() => 'imported', codeOf);
      expect(refused, hostile.name).toBe(hostile.expected);
    }
    expect(await nodeState(school)).toEqual(before);
  });

  it('at the hub’s ingest, every generated case', async () => {
    const before = await hubState();
    for (const [index, hostile] of forHub.entries()) {
      const file = join(world.root, `hostile-ingest-${index}.zip`);
      await writeFile(file, hostile.bytes);
      const refused = await world
        .withHub((hub) => ingestBundle(hub, { file, actor: 'operator' }))
        .then(() => 'ingested', codeOf);
      expect(refused, hostile.name).toBe(hostile.expected);
    }
    expect(await hubState()).toEqual(before);
  });

  it('a bundle of the other direction is for someone else', async () => {
    const upload = join(world.root, 'base-upload.zip');
    await expect(importBundle(world.node(SCHOOL), { file: upload, actor: 'head' })).rejects.toMatchObject({
      code: 'bundle.wrong_party',
      details: { expected: 'hub', actual: SCHOOL },
    });
    const delivery = join(world.root, 'base-delivery.zip');
    await expect(
      world.withHub((hub) => ingestBundle(hub, { file: delivery, actor: 'operator' })),
    ).rejects.toMatchObject({ code: 'bundle.wrong_party', details: { expected: SCHOOL, actual: 'hub' } });
  });
});
