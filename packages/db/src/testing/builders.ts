import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingMessage } from '@cds/domain';

/** A fixed instant well past 2038, so 32-bit truncation anywhere would show. */
export const T0 = Date.UTC(2040, 0, 1);

export function outgoingMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: randomUUID(),
    subject: 'STU',
    type: 'SUB',
    priority: 'NORMAL',
    encryptionLevel: 'RESTRICTED',
    description: 'Form A',
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    to: ['EDB'],
    status: 'READY',
    owner: 'staff',
    sourceModule: null,
    createdAt: T0,
    updatedAt: T0,
    sealedAt: null,
    sentAt: null,
    receivedAt: null,
    attempts: 0,
    lastError: null,
    exportedAt: null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadBlob: null,
    payloadSha256: null,
    payloadSize: null,
    recipientKids: null,
    acceptanceReceipt: null,
    ...overrides,
  };
}

export function incomingMessage(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    id: randomUUID(),
    subject: 'TSA',
    type: 'PAR',
    priority: 'NORMAL',
    encryptionLevel: 'RESTRICTED',
    description: 'TSA parameter file',
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    from: 'EDB',
    status: 'ENCRYPTED',
    receivedAt: T0,
    updatedAt: T0,
    read: false,
    decryptedBy: null,
    decryptedAt: null,
    importedBy: null,
    importedAt: null,
    importResult: null,
    businessState: null,
    lastError: null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadSha256: null,
    payloadSize: null,
    deliveryReceipt: null,
    acknowledgedAt: null,
    ...overrides,
  };
}

/** Every item of every page, following the cursors to the end. */
export async function collectPages<T>(
  list: (after: string | null) => Promise<{ items: readonly T[]; next: string | null }>,
): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let after: string | null = null;
  do {
    const page = await list(after);
    items.push(...page.items);
    pages.push(page.items.length);
    after = page.next;
  } while (after !== null && pages.length < 100);
  return { items, pages };
}
