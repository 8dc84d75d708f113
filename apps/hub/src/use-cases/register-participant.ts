import { AppError, parsePartyCode } from '@cds/domain';
import {
  REGISTRATION_CODE_MAX_FAILURES,
  hashRegistrationCode,
  normaliseRegistrationCode,
} from '@cds/directory';
import { verifyKeyStatement } from '@cds/keys';
import { directoryEntry, type HubContext } from '../hub-context.js';

/** Per source address: this many wrong codes in an hour and the address waits (SPEC §4). */
export const ADDRESS_FAILURE_LIMIT = 20;
export const ADDRESS_FAILURE_WINDOW_MS = 60 * 60 * 1000;

export interface RegistrationRequest {
  readonly code: string;
  readonly party: string;
  readonly statement: { payload: string; signatures: Array<{ protected: string; signature: string }> };
  readonly transportKey: { kid: string; x: string };
  readonly softwareVersion: string;
  readonly address: string;
}

/**
 * 系統註冊 at the hub: the code proves the operator expects this party; the key statement, signed by
 * the party's own message key, is published in the directory; the transport key authenticates the
 * party's later requests. Any wrong code is counted (per party and per address) before refusing.
 */
export async function registerParticipant(
  context: HubContext,
  request: RegistrationRequest,
): Promise<{ seq: number; hash: string }> {
  const now = context.clock.now();
  const registry = context.registry;
  if (
    (await registry.addressFailuresSince(request.address, now - ADDRESS_FAILURE_WINDOW_MS)) >=
    ADDRESS_FAILURE_LIMIT
  ) {
    throw new AppError('registration.too_many_attempts');
  }
  const party = parsePartyCode(request.party);
  const existing = await registry.participant(party);
  if (existing?.registeredAt != null && existing.revokedAt === null)
    throw new AppError('registration.already_registered', { party });
  const refuse = async (): Promise<never> => {
    await registry.recordAddressFailure(request.address, now);
    await registry.recordCodeFailure(party, REGISTRATION_CODE_MAX_FAILURES, now);
    throw new AppError('registration.invalid_code');
  };
  const normalised = normaliseRegistrationCode(request.code);
  const code = normalised ? await registry.findCode(hashRegistrationCode(normalised)) : null;
  if (
    !normalised ||
    !code ||
    code.party !== party ||
    code.purpose !== 'registration' ||
    code.usedAt !== null ||
    code.voidedAt !== null ||
    code.expiresAt <= now
  ) {
    return refuse();
  }
  const statement = await verifyKeyStatement(request.statement);
  if (statement.party !== party)
    throw new AppError('key.statement_invalid', { detail: `statement is for ${statement.party}` });
  if (statement.validFrom > now + 5 * 60_000 || statement.validTo <= now) {
    throw new AppError('key.statement_invalid', { detail: 'the key is not valid now' });
  }
  const role = existing?.role ?? 'school';
  const entry = await registry.register({
    codeHash: code.codeHash,
    party,
    now,
    softwareVersion: request.softwareVersion,
    transportKey: {
      kid: request.transportKey.kid,
      party,
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: request.transportKey.x },
      revokedAt: null,
    },
    key: {
      kid: statement.kid,
      party,
      fingerprint: statement.fingerprint,
      statement: JSON.stringify(request.statement),
      validFrom: statement.validFrom,
      validTo: statement.validTo,
      previousKid: statement.previousKid,
      recovery: statement.recovery,
    },
    // The transport key goes into the signed directory too: other nodes verify this party's
    // receipts with it (SPEC §2.2), not with whatever key the hub lists beside a receipt.
    entry: directoryEntry(context, {
      kind: 'key',
      party,
      role,
      statement: request.statement,
      transport: { kid: request.transportKey.kid, x: request.transportKey.x },
    }),
  });
  return { seq: entry.seq, hash: entry.hash };
}
