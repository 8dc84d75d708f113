import { z } from 'zod';
import { AppError, type ErrorReason } from '@cds/domain';
import type { NodeServices } from '../node-services.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transmission/cycle-context.js';

/** The settings row holding 聯遞系統延伸網址 and the retry policy set from 設定. */
export const HUB_CONNECTION_SETTING = 'hub.connection';

/** Bounds of the retry policy a user may set: enough to ride out a blip, never a cycle that hangs. */
export const RETRY_LIMITS = { attempts: { min: 1, max: 10 }, baseDelayMs: { min: 100, max: 60_000 } };
export const MAX_HUB_URLS = 5;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The shape a 設定 form sends; the URL rules themselves are `checkHubUrls`. */
export const hubConnectionInputSchema = z
  .object({
    urls: z.array(z.string().trim().min(1).max(2048)).min(1).max(MAX_HUB_URLS),
    retry: z
      .object({
        attempts: z.number().int().min(RETRY_LIMITS.attempts.min).max(RETRY_LIMITS.attempts.max),
        baseDelayMs: z.number().int().min(RETRY_LIMITS.baseDelayMs.min).max(RETRY_LIMITS.baseDelayMs.max),
      })
      .strict(),
  })
  .strict();

export type HubConnectionInput = z.infer<typeof hubConnectionInputSchema>;

const storedSchema = z.object({
  format: z.literal('cds-hub-connection/1'),
  urls: z.array(z.string()).min(1),
  retry: z.object({ attempts: z.number().int(), baseDelayMs: z.number().int() }),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});

export interface HubConnection {
  /** Tried in order: the first, then each fallback on a network failure. */
  readonly urls: readonly string[];
  readonly retry: RetryPolicy;
  /** `config` until someone saves 設定: the URLs of `cds node init`, the default retry policy. */
  readonly source: 'config' | 'set';
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/**
 * The same rule as config.json's (SPEC §4): https, or http on this machine only, unless the node was
 * set up with --allow-insecure-hub. Answers the normalised URLs (no trailing slash, no duplicates).
 */
export function checkHubUrls(urls: readonly string[], allowInsecure: boolean): string[] {
  const seen = new Set<string>();
  for (const text of urls) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new AppError('settings.hub_url_invalid', { url: text, reason: 'hub_url.not_url' });
    }
    const fail = (reason: ErrorReason): never => {
      throw new AppError('settings.hub_url_invalid', { url: text, reason });
    };
    if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('hub_url.scheme');
    if (url.username || url.password) fail('hub_url.credentials');
    if (url.search || url.hash) fail('hub_url.query');
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && !allowInsecure) {
      fail('hub_url.plain_http');
    }
    const normal = url.toString().replace(/\/+$/, '');
    if (seen.has(normal)) fail('hub_url.duplicate');
    seen.add(normal);
  }
  return [...seen];
}

export async function readHubConnection(services: NodeServices): Promise<HubConnection> {
  const raw = await services.repos.settings.get(HUB_CONNECTION_SETTING);
  if (raw === null) {
    return {
      urls: services.config.hub.urls,
      retry: DEFAULT_RETRY_POLICY,
      source: 'config',
      updatedAt: null,
      updatedBy: null,
    };
  }
  const parsed = storedSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new AppError('config.invalid', {
      detail: `setting ${HUB_CONNECTION_SETTING} is not a hub connection; save 設定 again`,
    });
  }
  const { urls, retry, updatedAt, updatedBy } = parsed.data;
  return { urls, retry, source: 'set', updatedAt, updatedBy };
}

export async function writeHubConnection(
  services: NodeServices,
  connection: { urls: readonly string[]; retry: RetryPolicy },
  actor: string,
): Promise<HubConnection> {
  const updatedAt = services.keys.clock.now();
  const value = { format: 'cds-hub-connection/1', ...connection, updatedAt, updatedBy: actor };
  await services.repos.settings.set(HUB_CONNECTION_SETTING, JSON.stringify(value));
  return { ...connection, source: 'set', updatedAt, updatedBy: actor };
}
