/**
 * What a node trusts in the signed directory, over real HTTP on loopback in process: transport keys
 * and their rotation, receipts signed with keys the directory does not list, an unregistered node,
 * and a hub that swaps a party's key (SPEC §2.2, §2.3).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_RECEIPT_FORMAT, signReceipt } from '@cds/contracts';
import { createDatabase, type HubDatabase } from '@cds/db';
import { layoutOf } from '@cds/platform';
import { issueRegistrationCode, registerParticipant, revokeParticipant } from '@cds/hub';
import {
  generateMessageKey,
  newTransportKey,
  publicPartOf,
  readTransportKey,
  signKeyStatement,
  statementFor,
} from '@cds/keys';
import {
  createOutgoingMessage,
  hubClientFor,
  refreshDirectory,
  sealMessages,
  type NodeServices,
} from '@cds/node';
import { runCliFast as runCli } from './testing/cli-harness.js';
import { schoolKey, startKeyWorld, type KeyWorld } from './testing/key-world.js';

let world: KeyWorld;
let operator: KeyWorld['operator'];
let school: NodeServices;
let edb: NodeServices;

beforeAll(async () => {
  world = await startKeyWorld('directory-trust');
  ({ operator, school, edb } = world);
}, 60_000);
afterAll(async () => world?.close());

describe('transport keys in the signed directory (SPEC §2.2)', () => {
  it('lists each transport key; a rotation goes to the hub at once and other nodes follow it', async () => {
    const client = await hubClientFor(edb);
    await refreshDirectory(edb, client);
    const before = await readTransportKey(school.keys.paths.transportKey);
    const listed = async () => (await edb.repos.directory.transportKeys('123456')).map((key) => key.kid);
    expect(await listed()).toEqual([before.kid]);

    const rotated = await runCli([
      '--json',
      'node',
      'rotate-transport-key',
      '--data-dir',
      join(world.root, '123456'),
    ]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const result = JSON.parse(rotated.stdout) as {
      previousKid: string;
      transport: { kid: string };
      sentToHub: unknown;
    };
    expect(result).toMatchObject({ previousKid: before.kid, sentToHub: true });
    expect((await operator.registry.transportKey(before.kid))?.revokedAt).not.toBeNull();
    expect(await operator.registry.transportKey(result.transport.kid)).toMatchObject({
      party: '123456',
      revokedAt: null,
    });

    await refreshDirectory(edb, client);
    expect(await listed()).toEqual([before.kid, result.transport.kid]);
    // The school's requests go through with the new key; nothing is owed any more.
    const report = await world.cycle(school);
    expect(report.stoppedBy).toBeNull();
    expect(report.events.filter((event) => event.outcome === 'transport_key_published')).toEqual([]);
  }, 60_000);

  it('a receipt signed with a key the hub lists but the directory does not proves nothing', async () => {
    const message = await createOutgoingMessage(school, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: 'receipt forgery',
      owner: 'staff',
      attachments: [],
    });
    const [sealed] = await sealMessages(school, {
      ids: [message.id],
      schoolKey: schoolKey('123456'),
      actor: 'head',
      hubClient: () => hubClientFor(school),
    });
    expect(sealed?.ok).toBe(true);
    await world.cycle(school);
    const sent = await school.repos.outgoing.get(message.id);
    expect(sent?.status).toBe('SENT');

    // The hub invents a transport key for EDB and a delivery receipt signed with it.
    const forger = newTransportKey(Date.now());
    const jws = await signReceipt(
      {
        format: DELIVERY_RECEIPT_FORMAT,
        messageId: message.id,
        recipient: 'EDB',
        payloadSha256: sent?.payloadSha256 ?? '',
        at: Date.now(),
      },
      { kid: forger.kid, privateJwk: forger },
    );
    const database = createDatabase<HubDatabase>({ kind: 'sqlite', file: layoutOf(world.hubDir).database });
    try {
      await database.db
        .insertInto('transport_keys')
        .values({
          kid: forger.kid,
          party: 'EDB',
          public_jwk: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: forger.x }),
          created_at: Date.now(),
          revoked_at: null,
        })
        .execute();
      const last = await database.db
        .selectFrom('receipts')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      await database.db
        .insertInto('receipts')
        .values({
          seq: Number(last?.seq ?? 0) + 1,
          sender: '123456',
          message_id: message.id,
          recipient: 'EDB',
          kind: 'delivery',
          jws,
          signer_kid: forger.kid,
          reason: null,
          stored_at: Date.now(),
        })
        .execute();
    } finally {
      await database.close();
    }

    const report = await world.cycle(school);
    expect(report.events).toContainEqual(
      expect.objectContaining({
        step: 'receipt',
        messageId: message.id,
        outcome: 'failed',
        reason: 'receipt.invalid',
      }),
    );
    expect(await school.repos.outgoing.get(message.id)).toMatchObject({ status: 'SENT' });
    expect(await school.repos.outgoingReceipts.forMessage(message.id)).toEqual([]);
  }, 60_000);
});

describe('refusals at the node (the issue’s checklist)', () => {
  it('an unregistered node runs no cycle: registration.not_registered, nothing sent', async () => {
    const loner = await world.open('333333');
    await expect(world.cycle(loner)).rejects.toMatchObject({ code: 'registration.not_registered' });
    expect(await world.participant('333333')).toBeUndefined();
  });

  // Last: it leaves EDB with a key nobody trusts.
  it('a hub that swaps EDB’s key cannot get a message sealed to it: directory.key_not_chained, still READY', async () => {
    // The school has pinned EDB's first key.
    await refreshDirectory(school, await hubClientFor(school));
    // Whoever holds the hub can revoke EDB and register a key of its own making…
    await revokeParticipant(operator, { party: 'EDB', reason: 'swapped' });
    const now = Date.now();
    const rogue = generateMessageKey(now);
    const statement = await signKeyStatement(statementFor('EDB', publicPartOf(rogue), now, null, false), [
      { kid: rogue.kid, privateJwk: rogue.ed25519 },
    ]);
    const transport = newTransportKey(now);
    await registerParticipant(operator, {
      code: (await issueRegistrationCode(operator, { party: 'EDB' })).code,
      party: 'EDB',
      statement: statement as Parameters<typeof registerParticipant>[1]['statement'],
      transportKey: { kid: transport.kid, x: transport.x },
      softwareVersion: '1.0.0',
      address: '127.0.0.1',
    });
    // …but the school pinned EDB's first key, and the new one is chained to nothing.
    await refreshDirectory(school, await hubClientFor(school));
    const message = await createOutgoingMessage(school, {
      to: ['EDB'],
      subject: 'STU',
      type: 'SUB',
      description: 'to a swapped key',
      owner: 'staff',
      attachments: [],
    });
    const [outcome] = await sealMessages(school, {
      ids: [message.id],
      schoolKey: schoolKey('123456'),
      actor: 'head',
      hubClient: () => hubClientFor(school),
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'directory.key_not_chained' } });
    expect(await school.repos.outgoing.get(message.id)).toEqual(message);
  });
});
