import { AppError } from '@cds/domain';
import type { MailboxItem } from '@cds/contracts';
import { decodeHeader, verifyHeader, type RoutingHeader } from '@cds/envelope';
import type { NodeServices } from '../node-services.js';

function invalid(detail: string): AppError {
  return new AppError('envelope.header_invalid', { detail });
}

/**
 * What a node checks of a delivery before it fetches a byte of the payload (SPEC §3.2): the header
 * names this message, this sender and this node, promises the payload the hub lists, and is signed
 * by the sender's key from the verified directory. A sender key not yet confirmed here
 * (未核實, directory.key_not_chained) is not a verdict on the message: the delivery waits.
 */
export async function checkDeliveryHeader(
  services: NodeServices,
  item: MailboxItem,
  now: number,
): Promise<RoutingHeader> {
  const decoded = decodeHeader(item.headerJws).fields;
  if (decoded.id !== item.messageId) throw invalid(`the header is for message ${decoded.id}`);
  if (decoded.from !== item.from)
    throw invalid(`the header says it is from ${decoded.from}, the hub says ${item.from}`);
  if (!decoded.to.includes(services.config.party))
    throw invalid(`it is not addressed to ${services.config.party}`);
  if (decoded.payloadSha256 !== item.payloadSha256 || decoded.payloadSize !== item.payloadSize) {
    throw new AppError('envelope.payload_hash_mismatch', {
      detail: 'the hub lists another payload than the header',
    });
  }
  const key = (await services.repos.directory.keys(decoded.from)).find(
    (known) => known.kid === decoded.senderKid,
  );
  if (!key)
    throw new AppError('envelope.unknown_sender_key', { kid: decoded.senderKid, party: decoded.from });
  if (key.trust === 'unconfirmed') {
    throw new AppError('directory.key_not_chained', { party: decoded.from, fingerprint: key.fingerprint });
  }
  return verifyHeader(item.headerJws, key.ed25519, { now });
}
