import { AppError, partyKind, parsePartyCode, type CodePurpose } from '@cds/domain';
import {
  REGISTRATION_CODE_VALIDITY_MS,
  hashRegistrationCode,
  newRegistrationCode,
  normaliseRegistrationCode,
} from '@cds/directory';
import type { HubContext } from '../hub-context.js';

/**
 * `cds hub issue-code --party CODE [--purpose key-recovery]`: a single-use code valid 14 days, stored
 * only as a hash; issuing a new one voids any earlier code of that purpose for the party (SPEC §4).
 * A key-recovery code approves one recovered (unchained) key of a party that is still registered
 * (SPEC §2.1); a party that was revoked registers again with a registration code instead.
 */
export async function issueRegistrationCode(
  context: HubContext,
  input: { party: string; name?: string | undefined; purpose?: CodePurpose | undefined },
): Promise<{ code: string; party: string; purpose: CodePurpose; expiresAt: number }> {
  const party = parsePartyCode(input.party);
  const purpose = input.purpose ?? 'registration';
  if (purpose === 'key-recovery') {
    const participant = await context.registry.participant(party);
    if (participant?.registeredAt == null || participant.revokedAt !== null) {
      throw new AppError('registration.not_registered', { party });
    }
  }
  const code = newRegistrationCode();
  const normalised = normaliseRegistrationCode(code);
  if (!normalised) throw new Error('generated a malformed registration code');
  const now = context.clock.now();
  const expiresAt = now + REGISTRATION_CODE_VALIDITY_MS;
  await context.registry.issueCode({
    party,
    role: partyKind(party),
    name: input.name ?? party,
    codeHash: hashRegistrationCode(normalised),
    purpose,
    now,
    expiresAt,
  });
  return { code, party, purpose, expiresAt };
}
