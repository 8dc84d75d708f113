import { AppError, checkSenderKey, type PublishedKey } from '@cds/domain';
import { verifyHeader, type RoutingHeader } from '@cds/envelope';
import { keyStatementSchema } from '@cds/keys';
import type { HubContext } from '../hub-context.js';

/** Names in an error detail; a broadcast may list thousands of parties. */
const NAMED_PARTIES = 10;

/** The statement was verified when it was published, so reading its key back needs no new check. */
function ed25519Of(key: PublishedKey): { kty: 'OKP'; crv: 'Ed25519'; x: string } {
  const statement = JSON.parse(key.statement) as { payload: string };
  const fields = keyStatementSchema.parse(
    JSON.parse(Buffer.from(statement.payload, 'base64url').toString('utf8')),
  );
  return fields.ed25519;
}

/**
 * What the hub checks of a routing header before it reads a byte of the payload (SPEC §2.3, §4):
 * the signature with the sender's key as published at the hub, that key's validity at the hub's
 * receipt time (or the resend grace), and that every recipient can receive. `decoded` comes from
 * decodeHeader, whose `from` and `senderKid` only say which key to try.
 */
export async function checkRoutingHeader(
  context: HubContext,
  headerJws: string,
  decoded: RoutingHeader,
  now: number,
): Promise<RoutingHeader> {
  const keys = await context.registry.publishedKeys(decoded.from);
  const signingKey = keys.find((key) => key.kid === decoded.senderKid);
  if (!signingKey)
    throw new AppError('envelope.unknown_sender_key', { kid: decoded.senderKid, party: decoded.from });
  const header = await verifyHeader(headerJws, ed25519Of(signingKey), { now });
  checkSenderKey({ party: header.from, kid: header.senderKid, sealedAt: header.sealedAt, now, keys });

  const active = await context.relay.activeParticipants(header.to);
  const unknown = header.to.filter((party) => !active.has(party));
  if (unknown.length > 0) {
    const named = unknown.slice(0, NAMED_PARTIES).join(', ');
    throw new AppError('relay.unknown_recipient', {
      parties: unknown.length > NAMED_PARTIES ? `${named} (+${unknown.length - NAMED_PARTIES})` : named,
    });
  }
  return header;
}
