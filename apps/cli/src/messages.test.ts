import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAcceptanceReceipt, verifyRecipientReceipt } from '@cds/contracts';
import { createMessageWorld, ISO, type MessageWorld, type Shown } from './testing/message-harness.js';

const SCHOOL = '123456';
const EDB = 'EDB';

let world: MessageWorld;
beforeAll(async () => {
  world = await createMessageWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
}, 60_000);
afterAll(async () => world?.close());

describe('messages over real HTTP: seal, transmit, receive, decrypt, receipts', () => {
  let first = '';

  it('a school message with two attachments reaches EDB once, opens to identical bytes and comes back RECEIVED', async () => {
    const csv = join(world.root, '學生名單（中一）.csv');
    const bin = join(world.root, 'scores.bin');
    await writeFile(csv, '學號,姓名\n1,陳大文\n');
    await writeFile(bin, randomBytes(300_000));
    first = await world.createAndSeal(SCHOOL, EDB, [csv, bin], ['--priority', 'URGENT']);

    const upload = await world.transmit(SCHOOL);
    expect(upload.stderr).toMatch(new RegExp(`upload +${first} SENT`));
    const sent = await world.json<Shown>(['message', 'show', '--node', SCHOOL, '--id', first]);
    expect(sent).toMatchObject({
      id: first,
      box: 'outgoing',
      status: 'SENT',
      attempts: 1,
      priority: 'URGENT',
    });
    expect(sent.sentAt).toMatch(ISO);
    expect(sent).toEqual(await world.show(SCHOOL, first));
    const listed = await world.json<Shown[]>(['message', 'list', '--node', SCHOOL, '--box', 'outgoing']);
    expect(listed.map((m) => [m.id, m.box, m.status])).toEqual([[first, 'outgoing', 'SENT']]);

    await world.transmit(EDB);
    await world.transmit(EDB);
    const arrived = await world.json<Shown[]>(['message', 'list', '--node', EDB, '--box', 'incoming']);
    expect(arrived.map((m) => [m.id, m.box, m.status])).toEqual([[first, 'incoming', 'ENCRYPTED']]);

    const wrongKey = join(world.root, 'wrong-key');
    await writeFile(wrongKey, 'Not-The-School-Key\n');
    const decrypt = ['message', 'decrypt', '--node', EDB, '--ids', first, '--school-key-file'];
    const wrong = await world.cli([...decrypt, wrongKey]);
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toMatch(/^error key\.wrong_school_key: /m);
    expect((await world.show(EDB, first)).status).toBe('ENCRYPTED');
    expect(await world.json([...decrypt, world.keyFile(EDB)])).toEqual([
      { id: first, ok: true, status: 'DECRYPTED' },
    ]);

    const out = join(world.root, 'extracted');
    const extract = ['message', 'extract', '--node', EDB, '--id', first, '--out-dir', out];
    const files = await world.json<Array<{ path: string }>>(extract);
    expect(files.map((file) => file.path)).toEqual([
      join(out, '0001-學生名單（中一）.csv'),
      join(out, '0002-scores.bin'),
    ]);
    expect((await readFile(files[0]!.path)).equals(await readFile(csv))).toBe(true);
    expect((await readFile(files[1]!.path)).equals(await readFile(bin))).toBe(true);
    const again = await world.cli(extract);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^error message\.file_exists: /m);

    await world.transmit(SCHOOL);
    const received = await world.show(SCHOOL, first);
    expect(received.status).toBe('RECEIVED');
    expect(received.receivedAt).toMatch(ISO);
    const edbKeys = await world.json<{ transport: { kid: string; x: string } }>([
      'keys',
      'show',
      '--node',
      EDB,
    ]);
    const receipt = received.receipts?.[0];
    expect(receipt).toMatchObject({ recipient: EDB, kind: 'delivery', signerKid: edbKeys.transport.kid });
    expect(await verifyRecipientReceipt(receipt!.jws, edbKeys.transport)).toMatchObject({
      messageId: first,
      recipient: EDB,
      payloadSha256: received.payload?.sha256,
    });
    const hub = (await (await fetch(`${world.hubUrl}/v1/hub`)).json()) as {
      hubKey: { kid: string; x: string };
    };
    expect(await verifyAcceptanceReceipt(received.acceptanceReceipt!, hub.hubKey)).toMatchObject({
      messageId: first,
    });
  }, 90_000);

  it('EDB replies the other way, and the school opens it', async () => {
    const reply = join(world.root, 'reply.txt');
    await writeFile(reply, '已收妥\n');
    const id = await world.createAndSeal(EDB, SCHOOL, [reply], ['--reply-to', first]);
    await world.transmit(EDB);
    await world.transmit(SCHOOL);
    expect((await world.show(SCHOOL, id)).status).toBe('ENCRYPTED');
    const opened = await world.cli([
      ...['message', 'decrypt', '--node', SCHOOL, '--ids', id],
      ...['--school-key-file', world.keyFile(SCHOOL)],
    ]);
    expect(opened.code, opened.stderr).toBe(0);
    expect((await world.show(SCHOOL, id)).attachments.map((a) => a.displayName)).toEqual(['reply.txt']);
    await world.transmit(EDB);
    expect((await world.show(EDB, id)).status).toBe('RECEIVED');
  }, 60_000);

  it('a resend of a RECEIVED message gets the original receipt and leaves one copy at EDB', async () => {
    const before = await world.show(SCHOOL, first);
    const resent = await world.cli(['message', 'resend', '--node', SCHOOL, '--ids', first]);
    expect(resent.code, resent.stderr).toBe(0);
    expect((await world.show(SCHOOL, first)).status).toBe('PROCESSING');
    await world.transmit(SCHOOL);
    expect(await world.show(SCHOOL, first)).toMatchObject({
      status: 'RECEIVED',
      attempts: 2,
      acceptanceReceipt: before.acceptanceReceipt,
    });
    await world.transmit(EDB);
    const copies = (await world.incoming(EDB)).filter((m) => m.id === first);
    expect(copies.map((m) => m.status)).toEqual(['DECRYPTED']);
  }, 60_000);

  it('refuses to seal with an expired own key, and the message stays READY', async () => {
    const created = await world.cli([
      ...['message', 'create', '--node', SCHOOL, '--to', EDB, '--subject', 'GEN', '--type', 'SUB'],
      ...['--description', 'late'],
    ]);
    const id = created.stdout.trim();
    const future = new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString();
    const sealed = await world.cli(
      ['message', 'seal', '--node', SCHOOL, '--ids', id, '--school-key-file', world.keyFile(SCHOOL)],
      { CDS_TEST_NOW: future },
    );
    expect(sealed.code).toBe(4);
    expect(sealed.stderr).toMatch(/^error key\.expired: /m);
    expect((await world.show(SCHOOL, id)).status).toBe('READY');
  }, 30_000);
});
