import { AppError, transitionOutgoing, type KnownKey, type OutgoingMessage } from '@cds/domain';
import { recipientOf } from '@cds/crypto';
import { sealingKeyFor } from '@cds/directory';
import { sealPayload, signHeader } from '@cds/envelope';
import { ed25519PrivateJwk, keyValidity, unlockKeyring, type UnlockedKeyring } from '@cds/keys';
import type { HubClient } from '../hub-client.js';
import { applyOutgoing } from '../messages/apply-transition.js';
import { streamBlob } from '../messages/stream-blob.js';
import { distinctIds, outcomeOf, type MessageOutcome } from '../messages/outcome.js';
import type { NodeServices } from '../node-services.js';
import { refreshDirectory } from './refresh-directory.js';

export interface SealMessagesInput {
  readonly ids: readonly string[];
  /** Zeroed once the keyring is open, whatever the outcome. */
  readonly schoolKey: Buffer;
  readonly actor: string;
  /** For refreshing the directory when a recipient's key is not known here yet. */
  readonly hubClient?: () => Promise<HubClient>;
}

export type SealOutcome = MessageOutcome<{ message: OutgoingMessage }>;

/**
 * 加密 (SPEC §2.4, §3.1): one School Key entry opens the keyring for the whole selection; each READY
 * message is sealed to its recipients' directory keys and to this node, its routing header signed,
 * and it moves to PROCESSING to wait for the next transmission cycle. A message that cannot be sealed
 * (a recipient's key unconfirmed, an attachment changed) is reported and the others go on.
 */
export async function sealMessages(services: NodeServices, input: SealMessagesInput): Promise<SealOutcome[]> {
  const ids = distinctIds(input.ids);
  const unlocked = await unlockKeyring(services.keys, input.schoolKey, input.actor);
  const validity = keyValidity(unlocked.current, services.keys.clock.now());
  if (validity.state === 'expired') {
    throw new AppError('key.expired', { validTo: new Date(validity.validTo).toISOString() });
  }
  const directory = new RecipientKeys(services, input.hubClient);
  const outcomes: SealOutcome[] = [];
  for (const id of ids) {
    outcomes.push(
      await outcomeOf(id, async () => ({ message: await sealOne(services, unlocked, directory, id) })),
    );
  }
  return outcomes;
}

/** The directory is refreshed at most once per selection, and only when a recipient is unknown. */
class RecipientKeys {
  private refreshed = false;
  private readonly services: NodeServices;
  private readonly hubClient: (() => Promise<HubClient>) | undefined;

  constructor(services: NodeServices, hubClient: (() => Promise<HubClient>) | undefined) {
    this.services = services;
    this.hubClient = hubClient;
  }

  async forParties(parties: readonly string[], now: number): Promise<KnownKey[]> {
    let known = await this.services.repos.directory.keys();
    const unknown = parties.some((party) => !known.some((key) => key.party === party));
    if (unknown && !this.refreshed && this.hubClient) {
      this.refreshed = true;
      await refreshDirectory(this.services, await this.hubClient());
      known = await this.services.repos.directory.keys();
    }
    return parties.map((party) => sealingKeyFor(party, known, now));
  }
}

async function sealOne(
  services: NodeServices,
  unlocked: UnlockedKeyring,
  directory: RecipientKeys,
  id: string,
): Promise<OutgoingMessage> {
  const message = await services.repos.outgoing.get(id);
  if (!message) throw new AppError('message.not_found', { id });
  transitionOutgoing(message.status, 'seal');
  const sealedAt = services.keys.clock.now();
  const recipients = await directory.forParties(message.to, sealedAt);
  const sender = unlocked.current;
  const attachments = await services.repos.outgoing.attachments(id);
  const signingKey = { kid: sender.kid, privateJwk: ed25519PrivateJwk(sender) };
  const sealed = sealPayload({
    messageId: id,
    sender: { ...signingKey, ageRecipient: recipientOf(sender.x25519) },
    recipients: recipients.map((key) => key.x25519),
    attachments: attachments.map((a) => ({
      displayName: a.displayName,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      open: () => streamBlob(services.blobs, a.blob),
    })),
    sealedAt,
  });
  const blob = await services.blobs.put(sealed.stream);
  await sealed.done;
  const recipientKids = Object.fromEntries(recipients.map((key) => [key.party, key.kid]));
  const headerJws = await signHeader(
    {
      id,
      from: services.config.party,
      to: [...message.to],
      subject: message.subject,
      type: message.type,
      priority: message.priority,
      encryptionLevel: message.encryptionLevel,
      description: message.description,
      schoolReference: message.schoolReference,
      replyDeadline: message.replyDeadline,
      replyTo: message.replyToId,
      sealedAt,
      senderKid: sender.kid,
      recipientKids,
      payloadSize: blob.size,
      payloadSha256: blob.sha256,
    },
    signingKey,
  );
  return applyOutgoing(services, id, 'seal', () => ({
    sealedAt,
    headerJws,
    payloadBlob: blob.sha256,
    payloadSha256: blob.sha256,
    payloadSize: blob.size,
    recipientKids,
    lastError: null,
  }));
}
