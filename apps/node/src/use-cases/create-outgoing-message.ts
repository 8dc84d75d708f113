import type { Readable } from 'node:stream';
import {
  AppError,
  type ErrorReason,
  ENCRYPTION_LEVELS,
  MESSAGE_TYPES,
  PRIORITIES,
  SUBJECTS,
  parseCode,
  parsePartyCode,
  transitionOutgoing,
  type EncryptionLevel,
  type OutgoingMessage,
  type OutgoingStatus,
  type Priority,
  type StoredAttachment,
} from '@cds/domain';
import {
  MAX_ATTACHMENTS,
  MAX_DESCRIPTION_CHARS,
  checkDisplayNames,
  normaliseDisplayName,
} from '@cds/envelope';
import type { NodeServices } from '../node-services.js';

export interface NewAttachment {
  /** As the user named it; stored in NFC (file dialogs on macOS give NFD). */
  readonly displayName: string;
  readonly mediaType: string;
  /** Opened once, when this attachment is stored. */
  open(): Readable;
}

export interface CreateOutgoingInput {
  readonly to: readonly string[];
  readonly subject: string;
  readonly type: string;
  readonly description: string;
  readonly priority?: Priority;
  readonly encryptionLevel?: EncryptionLevel;
  readonly schoolReference?: string | null;
  readonly replyDeadline?: number | null;
  readonly replyToId?: string | null;
  readonly attachments: readonly NewAttachment[];
  readonly owner: string;
  readonly sourceModule?: string | null;
}

const CONTROL = /\p{Cc}/u;
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?: *;.*)?$/;

function invalid(reason: ErrorReason, details: Record<string, string | number> = {}): AppError {
  return new AppError('validation.failed', { reason, ...details });
}

/**
 * The routing header's rules, checked now so a message that could never be sealed is never stored
 * (編修訊息 checks a modified message with the same rules).
 */
export function checkFields(services: NodeServices, input: CreateOutgoingInput): readonly string[] {
  const to = input.to.map((party) => parsePartyCode(party) as string);
  if (to.length === 0) throw invalid('message.no_recipient');
  if (new Set(to).size !== to.length) throw invalid('message.recipient_twice');
  if (to.includes(services.config.party)) throw invalid('message.to_self');
  if (services.config.nodeRole === 'school' && to.length !== 1) {
    throw invalid('message.school_one_recipient');
  }
  parseCode(SUBJECTS, input.subject);
  parseCode(MESSAGE_TYPES, input.type);
  const description = input.description.trim();
  if (description === '' || [...description].length > MAX_DESCRIPTION_CHARS || CONTROL.test(description)) {
    throw invalid('message.description', { max: MAX_DESCRIPTION_CHARS });
  }
  if (input.attachments.length > MAX_ATTACHMENTS) {
    throw invalid('message.too_many_attachments', { max: MAX_ATTACHMENTS });
  }
  checkDisplayNames(input.attachments.map((a) => normaliseDisplayName(a.displayName)));
  for (const a of input.attachments) {
    if (!MEDIA_TYPE.test(a.mediaType)) throw invalid('message.media_type', { mediaType: a.mediaType });
  }
  return to;
}

/**
 * 新增訊息: a READY outgoing message whose attachments are streamed into the blob store (hashed and
 * fsynced) before the row that names them commits. Returns the new message.
 */
export async function createOutgoingMessage(
  services: NodeServices,
  input: CreateOutgoingInput,
): Promise<OutgoingMessage> {
  const to = checkFields(services, input);
  const priority = input.priority ?? 'NORMAL';
  const encryptionLevel = input.encryptionLevel ?? 'RESTRICTED';
  if (!PRIORITIES.includes(priority)) throw invalid('message.priority', { value: String(priority) });
  if (!ENCRYPTION_LEVELS.includes(encryptionLevel))
    throw invalid('message.level', { value: String(encryptionLevel) });
  const id = services.keys.ids.next();
  const attachments: StoredAttachment[] = [];
  for (const [i, attachment] of input.attachments.entries()) {
    const blob = await services.blobs.put(attachment.open());
    attachments.push({
      messageId: id,
      ordinal: i + 1,
      displayName: normaliseDisplayName(attachment.displayName),
      mediaType: attachment.mediaType,
      size: blob.size,
      sha256: blob.sha256,
      blob: blob.sha256,
    });
  }
  const now = services.keys.clock.now();
  const message: OutgoingMessage = {
    id,
    subject: input.subject,
    type: input.type,
    priority,
    encryptionLevel,
    description: input.description.trim(),
    schoolReference: input.schoolReference ?? null,
    replyDeadline: input.replyDeadline ?? null,
    replyToId: input.replyToId ?? null,
    to,
    status: transitionOutgoing('NEW', 'create').to as OutgoingStatus,
    owner: input.owner,
    sourceModule: input.sourceModule ?? null,
    createdAt: now,
    updatedAt: now,
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
  };
  await services.repos.outgoing.insert(message, attachments);
  return message;
}
