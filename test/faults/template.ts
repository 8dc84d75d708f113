import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openHubServices, issueRegistrationCode, startHub } from '@cds/hub';
import { initKeyring, readTransportKey } from '@cds/keys';
import {
  createOutgoingMessage,
  hubClientFor,
  initNode,
  openNodeServices,
  refreshDirectory,
  registerNode,
  sealMessages,
  type NodeServices,
} from '@cds/node';
import { freePort } from '../../apps/cli/src/testing/cli-harness.js';

export const PARTIES = [
  { party: '100001', role: 'school' },
  { party: '100002', role: 'school' },
  { party: 'EDB', role: 'agency' },
] as const;
export type Party = (typeof PARTIES)[number]['party'];

/** A message sealed in the template: what the oracle expects to find delivered everywhere. */
export interface SealedMessage {
  readonly id: string;
  readonly from: Party;
  readonly to: readonly Party[];
  readonly payloadSha256: string;
}

export interface Template {
  /** Holds `hub/` and one directory per party, to be copied per scenario. */
  readonly dir: string;
  readonly messages: readonly SealedMessage[];
  /** Public keys the oracle verifies receipts with. */
  readonly hubKey: { readonly kid: string; readonly x: string };
  readonly transportKeys: Readonly<Record<string, { readonly x: string }>>;
  /** PostgreSQL: the template database scenarios are cloned from. */
  readonly database: string | null;
}

/** [from, to, size, priority]: a large one spans many chunks so mid-payload crashes can happen. */
const PLAN: ReadonlyArray<readonly [Party, readonly Party[], number, 'NORMAL' | 'URGENT']> = [
  ['100001', ['EDB'], 3_000, 'NORMAL'],
  ['100001', ['EDB'], 400_000, 'URGENT'],
  ['100002', ['EDB'], 5_000, 'NORMAL'],
  ['EDB', ['100001', '100002'], 150_000, 'NORMAL'],
  ['EDB', ['100002'], 2_000, 'URGENT'],
];

const schoolKey = (party: string) => `Fault-Harness-Key-${party}-2026`;

async function sealPlan(nodes: Map<string, NodeServices>): Promise<SealedMessage[]> {
  const sealed: SealedMessage[] = [];
  for (const [from, to, size, priority] of PLAN) {
    const services = nodes.get(from) as NodeServices;
    const bytes = randomBytes(size);
    const created = await createOutgoingMessage(services, {
      to,
      subject: 'GEN',
      type: 'SUB',
      priority,
      description: `fault harness ${from} to ${to.join(' ')}`,
      attachments: [
        {
          displayName: 'data.bin',
          mediaType: 'application/octet-stream',
          open: () => Readable.from([bytes]),
        },
      ],
      owner: 'harness',
    });
    const client = await hubClientFor(services);
    const [outcome] = await sealMessages(services, {
      ids: [created.id],
      schoolKey: Buffer.from(schoolKey(from)),
      actor: 'harness',
      hubClient: () => Promise.resolve(client),
    });
    if (!outcome?.ok) throw new Error(`sealing failed: ${JSON.stringify(outcome)}`);
    const stored = await services.repos.outgoing.get(created.id);
    sealed.push({ id: created.id, from, to, payloadSha256: stored?.payloadSha256 ?? '' });
  }
  return sealed;
}

/**
 * Made once per run: a hub with every party registered and keyed (scrypt at the test work factor),
 * directories refreshed, and the plan's messages sealed and PROCESSING, waiting for their first
 * cycle. Scenarios copy it, so none of them pays for migrations, keys or sealing.
 */
export async function buildTemplate(root: string, pgDatabaseUrl: string | null): Promise<Template> {
  const dir = join(root, 'template');
  const hubDir = join(dir, 'hub');
  await mkdir(hubDir, { recursive: true });
  if (pgDatabaseUrl) {
    const config = {
      format: 'cds-config/1',
      role: 'hub',
      http: { host: '127.0.0.1', port: 1 },
      database: { kind: 'postgres', url: pgDatabaseUrl },
    };
    await writeFile(join(hubDir, 'config.json'), `${JSON.stringify(config)}\n`, { mode: 0o600 });
  }
  const port = await freePort();
  const hub = await startHub({ dataDir: hubDir, port, handleSignals: false });
  const operator = await openHubServices(hubDir);
  const nodes = new Map<string, NodeServices>();
  try {
    for (const { party, role } of PARTIES) {
      const nodeDir = join(dir, party);
      await initNode({ dataDir: nodeDir, party, nodeRole: role, hubUrls: [hub.url] });
      const services = await openNodeServices(nodeDir);
      nodes.set(party, services);
      await initKeyring(services.keys, Buffer.from(schoolKey(party)), 'harness');
      const { code } = await issueRegistrationCode(operator, { party });
      await registerNode(services, await hubClientFor(services), code);
    }
    for (const services of nodes.values()) await refreshDirectory(services, await hubClientFor(services));
    const messages = await sealPlan(nodes);
    const transportKeys: Record<string, { x: string }> = {};
    for (const { party } of PARTIES) {
      transportKeys[party] = { x: (await readTransportKey(join(dir, party, 'keys', 'transport.jwk'))).x };
    }
    return {
      dir,
      messages,
      hubKey: { kid: operator.hubKey.kid, x: operator.hubKey.publicJwk.x },
      transportKeys,
      database: pgDatabaseUrl,
    };
  } finally {
    for (const services of nodes.values()) await services.close();
    await operator.close();
    await hub.close();
  }
}
