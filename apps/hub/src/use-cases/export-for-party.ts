import { basename } from 'node:path';
import { AppError, isPartyCode, type MailboxEntry } from '@cds/domain';
import { HUB_PARTY, MAX_BUNDLE_MESSAGES, writeBundle } from '@cds/bundle';
import type { HubContext } from '../hub-context.js';

export interface ExportForPartyInput {
  readonly party: string;
  /** The bundle file to create; an existing file is never overwritten. */
  readonly out: string;
  /** The operator, recorded with each exported delivery. */
  readonly actor: string;
}

export interface ExportForPartyResult {
  readonly party: string;
  readonly file: string;
  readonly size: number;
  readonly messages: readonly string[];
  /** Deliveries left for a later bundle when more wait than one bundle holds. */
  readonly remaining: boolean;
}

const PAGE = 500;

/** The party's pending deliveries, oldest first, up to what one bundle holds. */
async function pendingFor(
  context: HubContext,
  party: string,
): Promise<{ items: MailboxEntry[]; more: boolean }> {
  const items: MailboxEntry[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await context.relay.mailbox(party, cursor, PAGE);
    items.push(...page.items);
    if (items.length >= MAX_BUNDLE_MESSAGES) {
      return {
        items: items.slice(0, MAX_BUNDLE_MESSAGES),
        more: items.length > MAX_BUNDLE_MESSAGES || page.more,
      };
    }
    if (!page.more || page.items.length === 0) return { items, more: false };
    cursor = page.cursor;
  }
}

/**
 * `cds hub export-for --party CODE --out FILE` (SPEC §5): the deliveries waiting for a school that
 * cannot reach the hub, in a bundle signed with the hub key, each header and payload exactly as
 * its sender uploaded it. The deliveries are marked exported but stay pending: the school imports
 * the bundle, and its next cycle acknowledges them, so the senders' receipts flow as usual.
 */
export async function exportForParty(
  context: HubContext,
  input: ExportForPartyInput,
): Promise<ExportForPartyResult> {
  if (!isPartyCode(input.party)) throw new AppError('party.invalid_code', { code: input.party });
  const { items, more } = await pendingFor(context, input.party);
  if (items.length === 0) throw new AppError('bundle.nothing_to_export', { party: input.party });
  const now = context.clock.now();
  const written = await writeBundle({
    kind: 'delivery',
    exportedBy: HUB_PARTY,
    exportedFor: input.party,
    exportedAt: now,
    signer: { kid: context.hubKey.kid, privateJwk: context.hubKey.privateJwk },
    out: input.out,
    messages: items.map((entry) => ({
      id: entry.messageId,
      headerJws: entry.headerJws,
      payloadSize: entry.payloadSize,
      payloadSha256: entry.payloadSha256,
      openPayload: async () => {
        const message = await context.relay.message(entry.messageId);
        if (!message) throw new AppError('relay.message_not_found', { id: entry.messageId });
        return context.blobs.get(message.payloadBlob);
      },
    })),
  });
  const ids = items.map((entry) => entry.messageId);
  await context.bundles.markExported(input.party, ids, {
    at: now,
    by: input.actor,
    file: basename(input.out),
  });
  return { party: input.party, file: written.file, size: written.size, messages: ids, remaining: more };
}
