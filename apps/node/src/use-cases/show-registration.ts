import { z } from 'zod';
import { isAppError, type ErrorCode, type ErrorDetails } from '@cds/domain';
import { ed25519Fingerprint, normaliseFingerprint, readPublicKeys } from '@cds/keys';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { pinnedHubKey } from './hub-trust.js';
import { registrationState, type RegistrationState } from './register-node.js';

const hubInfoSchema = z.object({ hubKey: z.object({ x: z.string() }) });

export interface RegistrationView {
  readonly party: string;
  readonly registration: RegistrationState | null;
  /** The key statement registration sends (written by `cds keys init`); null without a keyring. */
  readonly ownKey: { readonly kid: string; readonly fingerprint: string } | null;
  /** The hub key this node trusts: pinned at registration, or given at `cds node init --hub-key`. */
  readonly expectedHubFingerprint: string | null;
  /** What the hub presents now, to compare with the fingerprint in EDB's letter before registering. */
  readonly hub:
    | { readonly fingerprint: string; readonly matches: boolean | null }
    | { readonly error: { readonly code: ErrorCode; readonly details: ErrorDetails } };
}

/** 系統註冊: where this node stands, and the fingerprint of the hub it would register with. */
export async function showRegistration(
  services: NodeServices,
  clientOf: () => Promise<HubClient>,
): Promise<RegistrationView> {
  const published = await readPublicKeys(services.keys.paths.publicKeys);
  const own = published?.keys.toSorted((a, b) => b.validFrom - a.validFrom)[0];
  const pinned = await pinnedHubKey(services);
  const configured = services.config.hub.keyFingerprint;
  const expected = pinned?.fingerprint ?? (configured ? normaliseFingerprint(configured) : null);
  let hub: RegistrationView['hub'];
  try {
    const client = await clientOf();
    const info = hubInfoSchema.parse(await client.getJson('/v1/hub', false));
    const fingerprint = ed25519Fingerprint(info.hubKey.x);
    hub = { fingerprint, matches: expected === null ? null : expected === fingerprint };
  } catch (error) {
    if (!isAppError(error)) throw error;
    hub = { error: { code: error.code, details: error.details } };
  }
  return {
    party: services.config.party,
    registration: await registrationState(services),
    ownKey: own ? { kid: own.kid, fingerprint: own.fingerprint } : null,
    expectedHubFingerprint: expected,
    hub,
  };
}
