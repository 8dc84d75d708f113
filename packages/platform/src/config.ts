import { readFile, writeFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { AppError, isPartyCode } from '@cds/domain';
import type { DataDirLayout } from './datadir.js';
import type { Env } from './test-hooks.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const databaseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite') }),
  z.object({
    kind: z.literal('postgres'),
    url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  }),
]);

const httpSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});

const hubLinkSchema = z
  .object({
    urls: z
      .array(z.url({ protocol: /^https?$/ }))
      .min(1, 'at least one hub URL is required')
      .max(5),
    keyFingerprint: z.string().nullable(),
    allowInsecure: z.boolean(),
  })
  .superRefine((hub, ctx) => {
    // SPEC §4: a plain-HTTP hub is only acceptable on this machine unless the operator insists.
    for (const [index, url] of hub.urls.entries()) {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' && !LOOPBACK_HOSTS.has(parsed.hostname) && !hub.allowInsecure) {
        ctx.addIssue({
          code: 'custom',
          path: ['urls', index],
          message: `${url} is plain http and not on loopback; use https or --allow-insecure-hub`,
        });
      }
    }
  });

export const nodeConfigSchema = z.object({
  format: z.literal('cds-config/1'),
  role: z.literal('node'),
  party: z.string().refine(isPartyCode, 'must be a six-digit school code or EDB, HKEAA, SFO, TRY'),
  nodeRole: z.enum(['school', 'agency']),
  hub: hubLinkSchema,
  http: httpSchema,
  database: databaseSchema,
});

export const hubConfigSchema = z.object({
  format: z.literal('cds-config/1'),
  role: z.literal('hub'),
  http: httpSchema,
  database: databaseSchema,
  /** Relay limits; absent means the defaults of apps/hub (a 2 GiB payload). */
  relay: z.object({ maxPayloadBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).optional(),
});

export const configSchema = z.discriminatedUnion('role', [nodeConfigSchema, hubConfigSchema]);

export type NodeConfig = z.infer<typeof nodeConfigSchema>;
export type HubConfig = z.infer<typeof hubConfigSchema>;
export type CdsConfig = z.infer<typeof configSchema>;

/** Every problem in one message, one per line, so an operator fixes them all in one go. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

export function parseConfig(value: unknown): CdsConfig {
  const result = configSchema.safeParse(value);
  if (!result.success) throw new AppError('config.invalid', { detail: describeIssues(result.error) });
  return result.data;
}

/** Environment overrides that deployments need without editing the file. */
function applyEnv(raw: Record<string, unknown>, env: Env): Record<string, unknown> {
  const out = { ...raw };
  const dbUrl = env['CDS_DATABASE_URL'];
  if (dbUrl) out['database'] = { kind: 'postgres', url: dbUrl };
  return out;
}

export async function loadConfig(
  layout: DataDirLayout,
  overrides: { http?: Partial<{ host: string; port: number }> } = {},
  env: Env = process.env,
): Promise<CdsConfig> {
  let text: string;
  try {
    text = await readFile(layout.config, 'utf8');
  } catch {
    throw new AppError('datadir.not_initialised', { dir: layout.root });
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('config.invalid', {
      detail: `${layout.config} is not JSON: ${(error as Error).message}`,
    });
  }
  const merged = applyEnv(raw, env);
  const http = { ...(merged['http'] as Record<string, unknown> | undefined), ...overrides.http };
  return parseConfig({ ...merged, http });
}

export async function writeConfig(layout: DataDirLayout, config: CdsConfig): Promise<void> {
  const validated = parseConfig(config);
  const temp = `${layout.config}.tmp`;
  await writeFile(temp, `${JSON.stringify(validated, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, layout.config);
}
