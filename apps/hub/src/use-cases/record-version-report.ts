import { z } from 'zod';
import { AppError } from '@cds/domain';
import type { HubContext } from '../hub-context.js';

/** Versions are short printable text ("1.4.0", "1.4.0-rc.1+build.7"), never free prose. */
export const versionSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, 'a version is letters, digits and . + _ -');

/**
 * 傳送網上校管系統版本, the automatic half (SPEC §4): a node that starts with another software
 * version than last time reports it, signed with its transport key. The hub keeps the latest per
 * participant for its console (versions in the field, who still runs an old release).
 */
export async function recordVersionReport(
  context: HubContext,
  input: { readonly party: string; readonly version: string },
): Promise<{ party: string; version: string; reportedAt: number }> {
  const parsed = versionSchema.safeParse(input.version);
  if (!parsed.success) {
    throw new AppError('validation.failed', { detail: parsed.error.issues.map((i) => i.message).join('; ') });
  }
  const participant = await context.registry.participant(input.party);
  if (participant?.registeredAt == null || participant.revokedAt !== null) {
    throw new AppError('registration.not_registered', { party: input.party });
  }
  const reportedAt = context.clock.now();
  await context.registry.reportVersion({ party: input.party, version: parsed.data, now: reportedAt });
  return { party: input.party, version: parsed.data, reportedAt };
}
