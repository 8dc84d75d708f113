import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyAcceptanceReceipt, verifyRecipientReceipt } from '@cds/contracts';
import { createDatabase, type DatabaseHandle, type HubDatabase, type NodeDatabase } from '@cds/db';
import { PARTIES, type Template } from './template.js';

/**
 * Reads what every party holds, straight from their databases (never through the code under test's
 * caches), to decide whether the system settled and whether exactly-once held.
 */
export class Observer {
  readonly #nodes = new Map<string, DatabaseHandle<NodeDatabase>>();
  readonly #hub: DatabaseHandle<HubDatabase>;

  constructor(
    private readonly dir: string,
    hubDatabaseUrl: string | null,
  ) {
    for (const { party } of PARTIES) {
      this.#nodes.set(party, createDatabase({ kind: 'sqlite', file: join(dir, party, 'cds.sqlite') }));
    }
    this.#hub = createDatabase(
      hubDatabaseUrl
        ? { kind: 'postgres', url: hubDatabaseUrl, maxConnections: 1 }
        : { kind: 'sqlite', file: join(dir, 'hub', 'cds.sqlite') },
    );
  }

  #node(party: string): DatabaseHandle<NodeDatabase> {
    return this.#nodes.get(party) as DatabaseHandle<NodeDatabase>;
  }

  /** Everything a round can change, as one comparable string. */
  async snapshot(): Promise<string> {
    const parts: unknown[] = [];
    for (const { party } of PARTIES) {
      const db = this.#node(party).db;
      parts.push(
        await db.selectFrom('outgoing_messages').select(['id', 'status', 'attempts']).orderBy('id').execute(),
        await db
          .selectFrom('outgoing_receipts')
          .select(['message_id', 'recipient'])
          .orderBy('message_id')
          .execute(),
        await db.selectFrom('incoming_messages').select(['id', 'acknowledged_at']).orderBy('id').execute(),
      );
    }
    parts.push(
      await this.#hub.db
        .selectFrom('deliveries')
        .select(['message_id', 'recipient', 'state'])
        .orderBy('message_id')
        .orderBy('recipient')
        .execute(),
    );
    return JSON.stringify(parts);
  }

  /** The oracle; returns every violation found (empty when exactly-once held). */
  async violations(template: Template): Promise<string[]> {
    const found: string[] = [];
    const expectIncoming = new Map<string, number>();
    for (const { party } of PARTIES) {
      const processing = await this.#node(party)
        .db.selectFrom('outgoing_messages')
        .select('id')
        .where('status', '=', 'PROCESSING')
        .execute();
      for (const row of processing) found.push(`${party}: ${row.id} left PROCESSING`);
    }
    for (const message of template.messages) {
      const tag = `${message.from}→${message.to.join('+')} ${message.id.slice(-6)}`;
      const sender = this.#node(message.from).db;
      const out = await sender
        .selectFrom('outgoing_messages')
        .selectAll()
        .where('id', '=', message.id)
        .executeTakeFirst();
      if (out?.status !== 'RECEIVED')
        found.push(`${tag}: sender has ${out?.status ?? 'nothing'}, not RECEIVED`);
      try {
        const acceptance = await verifyAcceptanceReceipt(out?.acceptance_receipt ?? '', template.hubKey);
        if (acceptance.messageId !== message.id || acceptance.payloadSha256 !== message.payloadSha256) {
          found.push(`${tag}: the acceptance receipt is for something else`);
        }
      } catch (error) {
        found.push(`${tag}: acceptance receipt does not verify (${String(error)})`);
      }
      const receipts = await sender
        .selectFrom('outgoing_receipts')
        .selectAll()
        .where('message_id', '=', message.id)
        .execute();
      const hubMessages = await this.#hub.db
        .selectFrom('messages')
        .select('id')
        .where('id', '=', message.id)
        .execute();
      if (hubMessages.length !== 1) found.push(`${tag}: the hub holds ${hubMessages.length} copies`);
      const deliveries = await this.#hub.db
        .selectFrom('deliveries')
        .selectAll()
        .where('message_id', '=', message.id)
        .execute();
      if (deliveries.length !== message.to.length)
        found.push(`${tag}: ${deliveries.length} deliveries at the hub`);
      for (const recipient of message.to) {
        expectIncoming.set(recipient, (expectIncoming.get(recipient) ?? 0) + 1);
        const delivery = deliveries.filter((row) => row.recipient === recipient);
        if (delivery.length !== 1 || delivery[0]?.state !== 'ACKNOWLEDGED') {
          found.push(
            `${tag}: hub delivery to ${recipient} is ${delivery.map((d) => d.state).join(',') || 'missing'}`,
          );
        }
        const receipt = receipts.find((row) => row.recipient === recipient);
        try {
          const proof = await verifyRecipientReceipt(
            receipt?.jws ?? '',
            template.transportKeys[recipient] ?? { x: '' },
          );
          if (
            receipt?.kind !== 'delivery' ||
            proof.messageId !== message.id ||
            proof.payloadSha256 !== message.payloadSha256
          ) {
            found.push(`${tag}: the delivery receipt of ${recipient} proves something else`);
          }
        } catch (error) {
          found.push(`${tag}: no verifying delivery receipt from ${recipient} (${String(error)})`);
        }
        const copies = await this.#node(recipient)
          .db.selectFrom('incoming_messages')
          .selectAll()
          .where('id', '=', message.id)
          .execute();
        const copy = copies[0];
        if (copies.length !== 1 || !copy) {
          found.push(`${tag}: ${recipient} holds ${copies.length} copies`);
          continue;
        }
        if (copy.payload_sha256 !== message.payloadSha256 || copy.from_party !== message.from) {
          found.push(`${tag}: ${recipient}'s copy has another payload hash or sender`);
        }
        const blob = join(
          this.dir,
          recipient,
          'blobs',
          'sha256',
          message.payloadSha256.slice(0, 2),
          message.payloadSha256.slice(2, 4),
          message.payloadSha256,
        );
        if (
          !(await access(blob).then(
            () => true,
            () => false,
          ))
        )
          found.push(`${tag}: ${recipient} lost the payload`);
      }
    }
    for (const { party } of PARTIES) {
      const rows = await this.#node(party).db.selectFrom('incoming_messages').select('id').execute();
      const expected = expectIncoming.get(party) ?? 0;
      if (rows.length !== expected)
        found.push(`${party}: ${rows.length} incoming messages, expected ${expected}`);
    }
    return found;
  }

  async close(): Promise<void> {
    for (const handle of this.#nodes.values()) await handle.close();
    await this.#hub.close();
  }
}
