import {
  parseStoredFailure,
  type IncomingMessage,
  type OutgoingMessage,
  type OutgoingReceipt,
  type StoredAttachment,
} from '@cds/domain';

/**
 * Messages as the CLI and the API present them (SPEC §11): `box`, the status code, ISO 8601 UTC
 * times. Stored times stay epoch milliseconds; only this edge turns them into text.
 */
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function headerView(message: OutgoingMessage | IncomingMessage) {
  return {
    id: message.id,
    subject: message.subject,
    type: message.type,
    priority: message.priority,
    encryptionLevel: message.encryptionLevel,
    description: message.description,
    schoolReference: message.schoolReference,
    replyDeadline: iso(message.replyDeadline),
    replyTo: message.replyToId,
  };
}

function payloadView(message: OutgoingMessage | IncomingMessage) {
  return message.payloadSha256 === null || message.payloadSize === null
    ? null
    : { size: message.payloadSize, sha256: message.payloadSha256 };
}

/**
 * A kept failure as its stable code (what scripts compare) and, apart, the details it was kept with,
 * so each screen words it in the language chosen now; a typed rejection reason stays as it is.
 */
function lastErrorView(lastError: string | null) {
  const failure = lastError === null ? null : parseStoredFailure(lastError);
  return {
    lastError: failure ? failure.code : lastError,
    lastErrorDetails: failure && Object.keys(failure.details).length > 0 ? failure.details : null,
  };
}

export function outgoingView(message: OutgoingMessage) {
  return {
    ...headerView(message),
    box: 'outgoing' as const,
    status: message.status,
    to: [...message.to],
    owner: message.owner,
    sourceModule: message.sourceModule,
    createdAt: iso(message.createdAt),
    updatedAt: iso(message.updatedAt),
    sealedAt: iso(message.sealedAt),
    sentAt: iso(message.sentAt),
    receivedAt: iso(message.receivedAt),
    attempts: message.attempts,
    ...lastErrorView(message.lastError),
    exportedAt: iso(message.exportedAt),
    archived: message.archived,
    payload: payloadView(message),
    recipientKids: message.recipientKids,
  };
}

export function incomingView(message: IncomingMessage) {
  return {
    ...headerView(message),
    box: 'incoming' as const,
    status: message.status,
    from: message.from,
    receivedAt: iso(message.receivedAt),
    updatedAt: iso(message.updatedAt),
    read: message.read,
    decryptedBy: message.decryptedBy,
    decryptedAt: iso(message.decryptedAt),
    importedBy: message.importedBy,
    importedAt: iso(message.importedAt),
    importResult: message.importResult,
    businessState: message.businessState,
    ...lastErrorView(message.lastError),
    archived: message.archived,
    payload: payloadView(message),
    acknowledgedAt: iso(message.acknowledgedAt),
  };
}

export function attachmentView(attachment: StoredAttachment) {
  return {
    ordinal: attachment.ordinal,
    displayName: attachment.displayName,
    mediaType: attachment.mediaType,
    size: attachment.size,
    sha256: attachment.sha256,
  };
}

export function receiptView(receipt: OutgoingReceipt) {
  return {
    recipient: receipt.recipient,
    kind: receipt.kind,
    at: iso(receipt.at),
    storedAt: iso(receipt.storedAt),
    reason: receipt.reason,
    signerKid: receipt.signerKid,
    jws: receipt.jws,
  };
}

export type OutgoingView = ReturnType<typeof outgoingView>;
export type IncomingView = ReturnType<typeof incomingView>;
export type MessageSummary = OutgoingView | IncomingView;
