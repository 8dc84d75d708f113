import { access } from 'node:fs/promises';
import { AppError } from '@cds/domain';
import {
  databaseTarget,
  ensureLayout,
  layoutOf,
  parseConfig,
  writeConfig,
  type NodeConfig,
} from '@cds/platform';
import { createDatabase, createSettingsRepository, migrateToLatest, type NodeDatabase } from '@cds/db';
import { PARTY_NAME_SETTING } from './party-name.js';

export interface InitNodeOptions {
  readonly dataDir: string;
  readonly party: string;
  readonly nodeRole: 'school' | 'agency';
  readonly hubUrls: readonly string[];
  readonly hubKey?: string | undefined;
  readonly allowInsecureHub?: boolean;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  /** The participant's printed name (report headers, the web app's header): the `party.name` setting. */
  readonly name?: string | undefined;
}

export const DEFAULT_NODE_PORT = 8701;

/**
 * `cds node init`: creates the data directory of one participant with a validated config and a
 * migrated database (and the printed name, when given). Keys and registration come later
 * (`cds keys init`, `cds register`).
 */
export async function initNode(options: InitNodeOptions): Promise<NodeConfig> {
  const layout = layoutOf(options.dataDir);
  const exists = await access(layout.config).then(
    () => true,
    () => false,
  );
  if (exists) throw new AppError('datadir.already_initialised', { dir: layout.root });
  const config = parseConfig({
    format: 'cds-config/1',
    role: 'node',
    party: options.party,
    nodeRole: options.nodeRole,
    hub: {
      urls: [...options.hubUrls],
      keyFingerprint: options.hubKey ?? null,
      allowInsecure: options.allowInsecureHub ?? false,
    },
    http: { host: options.host ?? '127.0.0.1', port: options.port ?? DEFAULT_NODE_PORT },
    database: { kind: 'sqlite' },
  });
  if (config.role !== 'node') throw new Error('unreachable: parsed a node config as hub');
  await ensureLayout(layout);
  const database = createDatabase<NodeDatabase>(databaseTarget(config.database, layout));
  try {
    await migrateToLatest(database.db, 'node');
    const name = options.name?.trim();
    if (name) await createSettingsRepository(database.db).set(PARTY_NAME_SETTING, name);
  } finally {
    await database.close();
  }
  await writeConfig(layout, config);
  return config;
}
