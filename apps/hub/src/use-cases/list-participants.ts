import type { HubContext } from '../hub-context.js';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The hub console's participant list (SPEC §9): who is registered or revoked and which software
 * version each last reported (at registration or after an upgrade, SPEC §4).
 */
export async function listParticipants(context: HubContext) {
  return (await context.registry.participants()).map((participant) => ({
    party: participant.code,
    role: participant.role,
    name: participant.name,
    registeredAt: iso(participant.registeredAt),
    revokedAt: iso(participant.revokedAt),
    softwareVersion: participant.softwareVersion,
    versionReportedAt: iso(participant.versionReportedAt),
  }));
}
