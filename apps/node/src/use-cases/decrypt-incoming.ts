import {
  AppError,
  isAppError,
  storedFailure,
  transitionIncoming,
  type IncomingMessage,
  type IncomingStatus,
  type StoredAttachment,
} from '@cds/domain';
import { decodeHeader, openPayload, payloadDigestOf, verifyHeader } from '@cds/envelope';
import { unlockKeyring, type UnlockedKeyring } from '@cds/keys';
import { applyIncoming } from '../messages/apply-transition.js';
import { importAfterDecrypt } from './import-module-data.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';

export interface DecryptIncomingInput {
  readonly ids: readonly string[];
  /** Zeroed once the keyring is open, whatever the outcome. */
  readonly schoolKey: Buffer;
  readonly actor: string;
}

export type DecryptOutcome = MessageOutcome<{ message: IncomingMessage }>;

/**
 * 解密 (SPEC §2.4, §3.2): one School Key entry opens the keyring for the selection. A message whose
 * every check passes becomes DECRYPTED with its attachments kept; one whose header, payload,
 * manifest or attachments fail a check becomes DECRYPT_FAIL with that check's code. A wrong School
 * Key throws before any message is touched, so it changes no status.
 */
export async function decryptIncoming(
  services: NodeServices,
  input: DecryptIncomingInput,
): Promise<DecryptOutcome[]> {
  const ids = distinctIds(input.ids);
  const unlocked = await unlockKeyring(services.keys, input.schoolKey, input.actor);
  const outcomes: DecryptOutcome[] = [];
  for (const id of ids) {
    outcomes.push(
      await outcomeOf(id, async () => ({ message: await decryptOne(services, unlocked, id, input.actor) })),
    );
  }
  return outcomes;
}

async function decryptOne(
  services: NodeServices,
  unlocked: UnlockedKeyring,
  id: string,
  actor: string,
): Promise<IncomingMessage> {
  const message = await services.repos.incoming.get(id);
  if (!message) throw new AppError('message.not_found', { id });
  transitionIncoming(message.status, 'decrypt_ok');
  let attachments: StoredAttachment[];
  try {
    attachments = await open(services, unlocked, message);
  } catch (error) {
    // Only a failed envelope check is the message's fault; anything else (a disk error) leaves it as it was.
    if (!isAppError(error) || !error.code.startsWith('envelope.')) throw error;
    await applyIncoming(services, id, 'decrypt_fail', () => ({ lastError: storedFailure(error) }));
    throw error;
  }
  const decrypted = await writeDecrypted(services, id, attachments, actor);
  // A module that takes this kind of file imports it now (SPEC §4: EDB imports the version message
  // automatically; §8: the parameter file), so the message leaves as IMPORTED or IMPORT_FAIL.
  return importAfterDecrypt(services, decrypted, actor);
}

async function open(
  services: NodeServices,
  unlocked: UnlockedKeyring,
  message: IncomingMessage,
): Promise<StoredAttachment[]> {
  const payloadBlob = await services.repos.incoming.payloadBlob(message.id);
  if (payloadBlob === null) throw new AppError('message.not_found', { id: message.id });
  if (message.headerJws === null) {
    throw new AppError('envelope.header_invalid', { detail: 'the routing header was not kept' });
  }
  const decoded = decodeHeader(message.headerJws).fields;
  const senderKey = (await services.repos.directory.keys(message.from)).find(
    (key) => key.kid === decoded.senderKid,
  );
  if (!senderKey) {
    throw new AppError('envelope.unknown_sender_key', { kid: decoded.senderKid, party: message.from });
  }
  // Checked at download already; checked again because the row is only as trustworthy as the disk.
  const header = await verifyHeader(message.headerJws, senderKey.ed25519);
  if (header.id !== message.id || header.from !== message.from) {
    throw new AppError('envelope.header_invalid', { detail: 'the header is for another message' });
  }
  const opened = await openPayload({
    payload: await services.blobs.get(payloadBlob),
    identities: unlocked.identities,
    expected: { messageId: message.id, senderPublicJwk: senderKey.ed25519, payload: payloadDigestOf(header) },
    sink: async (_attachment, content) => services.blobs.put(content),
  });
  return opened.attachments.map((a) => ({
    messageId: message.id,
    ordinal: a.index,
    displayName: a.displayName,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    blob: a.stored.sha256,
  }));
}

/** The decrypt took a while: the row is read again so a concurrent change (marked read) is kept. */
async function writeDecrypted(
  services: NodeServices,
  id: string,
  attachments: readonly StoredAttachment[],
  actor: string,
): Promise<IncomingMessage> {
  for (let attempt = 1; ; attempt++) {
    const message = await services.repos.incoming.get(id);
    if (!message) throw new AppError('message.not_found', { id });
    const to = transitionIncoming(message.status, 'decrypt_ok').to as IncomingStatus;
    const now = services.keys.clock.now();
    try {
      return await services.repos.incoming.updateWithAttachments(
        id,
        message.version,
        { status: to, decryptedBy: actor, decryptedAt: now, lastError: null, updatedAt: now },
        attachments,
      );
    } catch (error) {
      if (!isAppError(error) || error.code !== 'message.concurrent_update' || attempt >= 3) throw error;
    }
  }
}
