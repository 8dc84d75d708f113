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
import { createDatabase, migrateToLatest } from '@cds/db';

export interface InitNodeOptions {
  readonly dataDir: string;
  readonly party: string;
  readonly nodeRole: 'school' | 'agency';
  readonly hubUrls: readonly string[];
  readonly hubKey?: string | undefined;
  readonly allowInsecureHub?: boolean;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
}

export const DEFAULT_NODE_PORT = 8701;

/**
 * `cds node init`: creates the data directory of one participant with a validated config and a
 * migrated database. Keys and registration come later (`cds keys init`, `cds register`).
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
  const database = createDatabase<unknown>(databaseTarget(config.database, layout));
  try {
    await migrateToLatest(database.db, 'node');
  } finally {
    await database.close();
  }
  await writeConfig(layout, config);
  return config;
}
