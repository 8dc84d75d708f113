import type { SettingsRepository } from '@cds/domain';

/**
 * The participant's printed name (report headers, the web app's header), e.g. 示範中學: set by
 * `cds node init --name` (the demo uses its labels); without it reports print the code.
 */
export const PARTY_NAME_SETTING = 'party.name';

export async function partyNameOf(settings: SettingsRepository): Promise<string | null> {
  return (await settings.get(PARTY_NAME_SETTING)) || null;
}
