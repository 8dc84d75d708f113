import { AppError } from '@cds/domain';
import { readPublicKeys, readTransportKey } from '@cds/keys';
import { softwareVersion } from '@cds/platform';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { trustHubKey } from './hub-trust.js';
import { markVersionReported } from './report-version.js';
import { refreshDirectory } from './refresh-directory.js';

export const REGISTRATION_SETTING = 'registration';

export interface RegistrationState {
  readonly registeredAt: number;
  readonly hubFingerprint: string;
  readonly kid: string;
}

export async function registrationState(services: NodeServices): Promise<RegistrationState | null> {
  const value = await services.repos.settings.get(REGISTRATION_SETTING);
  return value === null ? null : (JSON.parse(value) as RegistrationState);
}

/**
 * 系統註冊 (`cds register --code CODE`): publishes the current key statement written by `cds keys init`
 * and the transport key, with the operator's code. Needs the code, not the School Key (SPEC §4).
 */
export async function registerNode(
  services: NodeServices,
  client: HubClient,
  code: string,
): Promise<RegistrationState & { directoryEntries: number }> {
  const published = await readPublicKeys(services.keys.paths.publicKeys);
  const current = published?.keys.toSorted((a, b) => b.validFrom - a.validFrom)[0];
  if (!current) throw new AppError('key.keyring_missing', { file: services.keys.paths.keyring });
  const transport = await readTransportKey(services.keys.paths.transportKey);
  const hubKey = await trustHubKey(services, client);
  const version = softwareVersion();
  await client.postJson('/v1/register', {
    code,
    party: services.config.party,
    statement: current.statement,
    transportKey: { kid: transport.kid, x: transport.x },
    softwareVersion: version,
  });
  const state: RegistrationState = {
    registeredAt: services.keys.clock.now(),
    hubFingerprint: hubKey.fingerprint,
    kid: current.kid,
  };
  await services.repos.settings.set(REGISTRATION_SETTING, JSON.stringify(state));
  // Registration carried the version, so no separate report is owed for it (SPEC §4).
  await markVersionReported(services, version);
  await services.repos.securityEvents.record({
    id: services.keys.ids.next(),
    at: state.registeredAt,
    kind: 'registration.registered',
    actor: 'cli',
    detail: { kid: current.kid, hub: hubKey.fingerprint },
  });
  const directoryEntries = await refreshDirectory(services, client);
  return { ...state, directoryEntries };
}
