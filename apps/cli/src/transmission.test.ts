import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageWorld, type MessageWorld } from './testing/message-harness.js';

const SCHOOL = '654321';
const EDB = 'EDB';

let world: MessageWorld;
beforeAll(async () => {
  world = await createMessageWorld([
    [SCHOOL, 'school'],
    [EDB, 'agency'],
  ]);
}, 60_000);
afterAll(async () => world?.close());

/** Damage as a disk or a meddler would: same length, one byte different near the end. */
async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  const at = bytes.length - 100;
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  await chmod(path, 0o600);
  await writeFile(path, bytes);
}

describe('transmission cycles over real HTTP: faults, refusals, one cycle at a time', () => {
  it('with the hub down a cycle still runs and leaves SEND_FAIL; after a restart the message goes through', async () => {
    const id = await world.createAndSeal(SCHOOL, EDB);
    await world.stopHub();
    const down = await world.transmit(SCHOOL);
    expect(down.stderr).toMatch(/retrying transport\.hub_unreachable/);
    expect(await world.show(SCHOOL, id)).toMatchObject({
      status: 'SEND_FAIL',
      lastError: 'transport.hub_unreachable',
    });
    await world.startHub();
    await world.transmit(SCHOOL);
    expect((await world.show(SCHOOL, id)).status).toBe('SENT');
    await world.transmit(EDB);
    await world.transmit(SCHOOL);
    expect((await world.show(SCHOOL, id)).status).toBe('RECEIVED');
  }, 60_000);

  it('a payload damaged at the hub is refused once, and the sender sees REJECTED with the reason', async () => {
    const file = join(world.root, 'data.bin');
    await writeFile(file, randomBytes(100_000));
    const id = await world.createAndSeal(SCHOOL, EDB, [file]);
    await world.transmit(SCHOOL);
    const { sha256 } = (await world.show(SCHOOL, id)).payload!;
    await flipByte(
      join(world.root, 'hub', 'blobs', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256),
    );

    const refused = await world.transmit(EDB);
    expect(refused.stderr).toMatch(new RegExp(`${id} refused ${SCHOOL} envelope\\.payload_hash_mismatch`));
    expect((await world.transmit(EDB)).stderr).not.toMatch(new RegExp(id));
    expect((await world.incoming(EDB)).some((m) => m.id === id)).toBe(false);
    await world.transmit(SCHOOL);
    expect(await world.show(SCHOOL, id)).toMatchObject({
      status: 'REJECTED',
      lastError: 'EDB: envelope.payload_hash_mismatch',
    });
  }, 60_000);

  it('runs one cycle per node at a time, and two starts never download twice', async () => {
    const edb = await world.services(EDB);
    expect(await edb.repos.leases.acquire('transmission', 'test holder', Date.now(), 60_000)).toEqual({
      acquired: true,
    });
    const blocked = await world.cli(['transmit', '--node', EDB]);
    expect(blocked.code).toBe(4);
    expect(blocked.stderr).toMatch(/^error transmission\.already_running: .*test holder/m);
    await edb.repos.leases.release('transmission', 'test holder');

    const id = await world.createAndSeal(SCHOOL, EDB);
    await world.transmit(SCHOOL);
    const both = await Promise.all([
      world.cli(['transmit', '--node', EDB]),
      world.cli(['transmit', '--node', EDB]),
    ]);
    for (const run of both) {
      if (run.code !== 0) expect(run.stderr).toMatch(/^error transmission\.already_running: /m);
    }
    expect(both.map((run) => run.code).sort()).toSatisfy(
      (codes: number[]) => codes.join() === '0,0' || codes.join() === '0,4',
    );
    const downloads = both.map(
      (run) => run.stderr.match(new RegExp(`download +${id} ENCRYPTED`, 'g'))?.length ?? 0,
    );
    expect(downloads.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await world.incoming(EDB)).filter((m) => m.id === id)).toHaveLength(1);
  }, 60_000);

  it("a payload damaged on the recipient's disk becomes DECRYPT_FAIL with the failed check's code", async () => {
    const file = join(world.root, 'local.bin');
    await writeFile(file, randomBytes(50_000));
    const id = await world.createAndSeal(SCHOOL, EDB, [file]);
    await world.transmit(SCHOOL);
    await world.transmit(EDB);
    const { sha256 } = (await world.show(EDB, id)).payload!;
    await flipByte(join(world.root, EDB, 'blobs', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
    const opened = await world.cli([
      ...['message', 'decrypt', '--node', EDB, '--ids', id],
      ...['--school-key-file', world.keyFile(EDB)],
    ]);
    expect(opened.code).toBe(1);
    expect(opened.stderr).toMatch(/^error envelope\.payload_hash_mismatch: /m);
    expect(await world.show(EDB, id)).toMatchObject({
      status: 'DECRYPT_FAIL',
      lastError: 'envelope.payload_hash_mismatch',
      attachments: [],
    });
  }, 60_000);

  // Last: it revokes EDB.
  it("a permanent hub refusal makes the message REJECTED with the hub's code", async () => {
    const id = await world.createAndSeal(SCHOOL, EDB);
    expect((await world.cli(['hub', 'revoke', '--party', EDB])).code).toBe(0);
    await world.transmit(SCHOOL);
    expect(await world.show(SCHOOL, id)).toMatchObject({
      status: 'REJECTED',
      lastError: 'relay.unknown_recipient',
    });
  }, 30_000);
});
