import { AppError, type PublishedKey } from '@cds/domain';
import {
  REGISTRATION_CODE_MAX_FAILURES,
  hashRegistrationCode,
  normaliseRegistrationCode,
} from '@cds/directory';
import { keyStatementSchema, verifyKeyStatement, type KeyStatement } from '@cds/keys';
import { directoryEntry, type HubContext } from '../hub-context.js';
import { ADDRESS_FAILURE_LIMIT, ADDRESS_FAILURE_WINDOW_MS } from './register-participant.js';

export interface PublishKeyRequest {
  /** The party the transport signature proved; a statement for anyone else is refused. */
  readonly party: string;
  readonly statement: { payload: string; signatures: Array<{ protected: string; signature: string }> };
  /** The operator's key-recovery code, for a statement not chained to the current key. */
  readonly code?: string | undefined;
  readonly address: string;
}

/** Stored statements were verified when published, so their keys are read back without a new check. */
function publishedStatement(key: PublishedKey): KeyStatement {
  const jws = JSON.parse(key.statement) as { payload: string };
  return keyStatementSchema.parse(JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')));
}

/**
 * The code is checked like a registration code (SPEC §4): hashed lookup, this party, this purpose,
 * unused, unexpired; every wrong one counts against the party and the address, five void it.
 */
async function approvalCode(context: HubContext, request: PublishKeyRequest, kid: string): Promise<string> {
  if (request.code === undefined) throw new AppError('registration.approval_required', { kid });
  const now = context.clock.now();
  const registry = context.registry;
  if (
    (await registry.addressFailuresSince(request.address, now - ADDRESS_FAILURE_WINDOW_MS)) >=
    ADDRESS_FAILURE_LIMIT
  ) {
    throw new AppError('registration.too_many_attempts');
  }
  const normalised = normaliseRegistrationCode(request.code);
  const code = normalised ? await registry.findCode(hashRegistrationCode(normalised)) : null;
  if (
    !code ||
    code.party !== request.party ||
    code.purpose !== 'key-recovery' ||
    code.usedAt !== null ||
    code.voidedAt !== null ||
    code.expiresAt <= now
  ) {
    await registry.recordAddressFailure(request.address, now);
    await registry.recordCodeFailure(request.party, REGISTRATION_CODE_MAX_FAILURES, now);
    throw new AppError('registration.invalid_code');
  }
  return code.codeHash;
}

/**
 * Publishes a further key of a registered party in the directory (SPEC §2.1, §2.3). A rollover
 * (更改學校密碼匙) is signed by the new key and by the party's current key, so it needs nothing
 * else: the node sends it in its next cycle. A recovered key (the previous one expired or was lost)
 * is chained to nothing, so the hub takes it only with a key-recovery code from the operator; other
 * nodes still hold it as 未核實 until a key holder confirms its fingerprint.
 */
export async function publishKeyStatement(
  context: HubContext,
  request: PublishKeyRequest,
): Promise<{ kid: string; recovery: boolean; seq: number; hash: string }> {
  const now = context.clock.now();
  const participant = await context.registry.participant(request.party);
  if (participant?.registeredAt == null || participant.revokedAt !== null) {
    throw new AppError('registration.not_registered', { party: request.party });
  }
  const unverified = await verifyKeyStatement(request.statement);
  if (unverified.party !== request.party) {
    throw new AppError('key.statement_invalid', { detail: `statement is for ${unverified.party}` });
  }
  if (unverified.validFrom > now + 5 * 60_000 || unverified.validTo <= now) {
    throw new AppError('key.statement_invalid', { detail: 'the key is not valid now' });
  }
  const published = await context.registry.publishedKeys(request.party);
  if (published.some((key) => key.kid === unverified.kid)) {
    throw new AppError('key.already_published', { kid: unverified.kid });
  }
  const current = published.toSorted((a, b) => b.validFrom - a.validFrom)[0];
  const chained = !unverified.recovery && current !== undefined && unverified.previousKid === current.kid;
  let codeHash: string | null = null;
  let statement = unverified;
  if (chained) {
    // The second signature is what lets every node follow the chain without trusting the hub.
    statement = await verifyKeyStatement(request.statement, {
      kid: current.kid,
      ed25519: publishedStatement(current).ed25519,
    });
  } else {
    codeHash = await approvalCode(context, request, unverified.kid);
  }
  const entry = await context.registry.publishKey({
    party: request.party,
    now,
    codeHash,
    key: {
      kid: statement.kid,
      party: request.party,
      fingerprint: statement.fingerprint,
      statement: JSON.stringify(request.statement),
      validFrom: statement.validFrom,
      validTo: statement.validTo,
      previousKid: statement.previousKid,
      recovery: statement.recovery || !chained,
    },
    entry: directoryEntry(context, {
      kind: 'key',
      party: request.party,
      role: participant.role,
      statement: request.statement,
    }),
  });
  return { kid: statement.kid, recovery: !chained, seq: entry.seq, hash: entry.hash };
}
