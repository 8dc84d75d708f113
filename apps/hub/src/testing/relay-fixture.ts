/**
 * Test helpers for the relay: participants registered through the hub's own use cases (no School
 * Key, no scrypt), routing headers signed with their message keys, and what the hub has stored.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { createDatabase, type HubDatabase } from '@cds/db';
import { FsBlobStore } from '@cds/blobs';
import { signHeader, type RoutingHeaderFields } from '@cds/envelope';
import {
  generateMessageKey,
  newTransportKey,
  publicPartOf,
  signKeyStatement,
  statementFor,
  type KeyringEntry,
  type TransportKey,
} from '@cds/keys';
import { createIdGenerator, layoutOf } from '@cds/platform';
import { openHubServices } from '../hub-services.js';
import { issueRegistrationCode } from '../use-cases/issue-registration-code.js';
import { registerParticipant } from '../use-cases/register-participant.js';
import { revokeParticipant } from '../use-cases/revoke-participant.js';

export interface TestParticipant {
  readonly party: string;
  /** The current message key (signs routing headers). */
  readonly key: KeyringEntry;
  readonly transport: TransportKey;
}

const ids = createIdGenerator();
export const newId = (): string => ids.next();
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function publish(
  dataDir: string,
  party: string,
  key: KeyringEntry,
  transport: TransportKey,
  recovery: boolean,
): Promise<void> {
  const hub = await openHubServices(dataDir);
  try {
    const now = hub.clock.now();
    const statement = await signKeyStatement(statementFor(party, publicPartOf(key), now, null, recovery), [
      { kid: key.kid, privateJwk: key.ed25519 },
    ]);
    const { code } = await issueRegistrationCode(hub, { party });
    await registerParticipant(hub, {
      code,
      party,
      statement: statement as {
        payload: string;
        signatures: Array<{ protected: string; signature: string }>;
      },
      transportKey: { kid: transport.kid, x: transport.x },
      softwareVersion: 'test',
      address: '127.0.0.1',
    });
  } finally {
    await hub.close();
  }
}

/** Registers `party` with a fresh key pair activated at `activatedAt` (default now). */
export async function registerTestParticipant(
  dataDir: string,
  party: string,
  activatedAt = Date.now(),
): Promise<TestParticipant> {
  const participant = { party, key: generateMessageKey(activatedAt), transport: newTransportKey(Date.now()) };
  await publish(dataDir, party, participant.key, participant.transport, false);
  return participant;
}

/** Revokes the party and registers it again with a new message key: the old key is superseded. */
export async function rekeyTestParticipant(
  dataDir: string,
  participant: TestParticipant,
): Promise<TestParticipant> {
  const hub = await openHubServices(dataDir);
  try {
    await revokeParticipant(hub, { party: participant.party, reason: 'lost key' });
  } finally {
    await hub.close();
  }
  const key = generateMessageKey(Date.now());
  await publish(dataDir, participant.party, key, participant.transport, true);
  return { ...participant, key };
}

/** An Ed25519 key no hub knows, for forgeries. */
export function strangerKey(): JWK {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
}

export interface HeaderOptions extends Partial<RoutingHeaderFields> {
  /** Signs with this key instead of the sender's own (kid stays the sender's unless given). */
  readonly signWith?: JWK;
}

/** A routing header for `payload` from `sender` to `to`, signed by the sender's message key. */
export async function routingHeader(
  sender: TestParticipant,
  to: readonly TestParticipant[] | readonly string[],
  payload: Uint8Array,
  options: HeaderOptions = {},
): Promise<{ id: string; jws: string }> {
  const { signWith, ...overrides } = options;
  const parties = to.map((party) => (typeof party === 'string' ? party : party.party));
  const fields: RoutingHeaderFields = {
    id: newId(),
    from: sender.party,
    to: parties,
    subject: 'STU',
    type: 'SUB',
    priority: 'NORMAL',
    encryptionLevel: 'RESTRICTED',
    description: '表格 A – 測試',
    schoolReference: null,
    replyDeadline: null,
    replyTo: null,
    sealedAt: Date.now(),
    senderKid: sender.key.kid,
    recipientKids: Object.fromEntries(parties.map((party) => [party, '0123456789abcdef'])),
    payloadSize: payload.length,
    payloadSha256: sha256Hex(payload),
    ...overrides,
  };
  const jws = await signHeader(fields, { kid: fields.senderKid, privateJwk: signWith ?? sender.key.ed25519 });
  return { id: fields.id, jws };
}

/** What the hub has kept of a message: rows, the payload blob and any temporary upload files. */
export async function storedState(dataDir: string, id: string, sha256: string) {
  const layout = layoutOf(dataDir);
  const database = createDatabase<HubDatabase>({ kind: 'sqlite', file: layout.database });
  try {
    const message = await database.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    const deliveries = await database.db
      .selectFrom('deliveries')
      .selectAll()
      .where('message_id', '=', id)
      .execute();
    const temp = await readdir(join(layout.blobs, 'tmp')).catch(() => []);
    return {
      message: message ?? null,
      deliveries: deliveries.map((row) => `${row.recipient}:${row.state}`).sort(),
      blob: await new FsBlobStore({ root: layout.blobs }).has(sha256),
      tempFiles: temp.length,
    };
  } finally {
    await database.close();
  }
}
