import { z } from 'zod';
import { AppError } from '@cds/domain';
import { ed25519Fingerprint, normaliseFingerprint } from '@cds/keys';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';

const HUB_KEY_SETTING = 'hub.key';

const hubInfoSchema = z.object({
  hubKey: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() }),
  fingerprint: z.string(),
  time: z.number(),
  version: z.string(),
});

export type PinnedHubKey = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; fingerprint: string };

export async function pinnedHubKey(services: NodeServices): Promise<PinnedHubKey | null> {
  const value = await services.repos.settings.get(HUB_KEY_SETTING);
  return value === null ? null : (JSON.parse(value) as PinnedHubKey);
}

/**
 * Fetches the hub's signing key and checks it against the pin: the fingerprint given at `cds node init
 * --hub-key`, or the key seen first (trust on first use, shown in 設定). A different key is refused.
 */
export async function trustHubKey(services: NodeServices, client: HubClient): Promise<PinnedHubKey> {
  const info = hubInfoSchema.parse(await client.getJson('/v1/hub', false));
  const fingerprint = ed25519Fingerprint(info.hubKey.x);
  const pinned = await pinnedHubKey(services);
  const expected =
    pinned?.fingerprint ??
    (services.config.hub.keyFingerprint ? normaliseFingerprint(services.config.hub.keyFingerprint) : null);
  if (expected !== null && expected !== fingerprint) {
    throw new AppError('transport.hub_key_mismatch', { actual: fingerprint, expected });
  }
  const key: PinnedHubKey = { ...info.hubKey, fingerprint };
  if (!pinned) await services.repos.settings.set(HUB_KEY_SETTING, JSON.stringify(key));
  return key;
}
