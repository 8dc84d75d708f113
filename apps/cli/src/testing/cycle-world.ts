/**
 * A hub and registered nodes in this process (loopback HTTP, real SQLite, real keys and envelopes),
 * for tests of scheduled and API-started cycles that need no `cds` process. Keyrings use the cheap
 * scrypt work factor of the test hooks, so a world of three parties is ready in about a second.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { RunningServer } from '@cds/http';
import { issueRegistrationCode, openHubServices, startHub } from '@cds/hub';
import { initKeyring } from '@cds/keys';
import {
  createOutgoingMessage,
  hubClientFor,
  initNode,
  openNodeServices,
  refreshDirectory,
  registerNode,
  sealMessages,
  type HubClient,
  type NodeServices,
} from '@cds/node';
import { freePort } from './cli-harness.js';

// The keyring's scrypt work factor and CDS_TEST_NOW are test hooks: only with CDS_TEST_HOOKS=1.
process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
process.env['CDS_LOG_LEVEL'] ??= 'warn';

export const schoolKeyOf = (party: string): Buffer => Buffer.from(`School-Key-For-${party}-2026`);

export interface CycleWorld {
  readonly root: string;
  readonly hubUrl: string;
  node(party: string): NodeServices;
  dataDir(party: string): string;
  /** A sealed (PROCESSING) message from `from` to `to`; returns its id. */
  send(from: string, to: string, description?: string): Promise<string>;
  /** The node's hub client, its first request held back `delayMs` (to keep a cycle open on purpose). */
  slowClient(party: string, delayMs: number): Promise<HubClient>;
  close(): Promise<void>;
}

export async function createCycleWorld(
  parties: ReadonlyArray<readonly [string, 'school' | 'agency']>,
): Promise<CycleWorld> {
  const root = await mkdtemp(join(tmpdir(), 'cds-cycles-'));
  const hubDir = join(root, 'hub');
  const port = await freePort();
  const hub: RunningServer = await startHub({
    dataDir: hubDir,
    host: '127.0.0.1',
    port,
    handleSignals: false,
  });
  const hubUrl = `http://127.0.0.1:${port}`;
  const nodes = new Map<string, NodeServices>();
  const hubServices = await openHubServices(hubDir);
  try {
    for (const [party, nodeRole] of parties) {
      const dataDir = join(root, party);
      await initNode({ dataDir, party, nodeRole, hubUrls: [hubUrl] });
      const services = await openNodeServices(dataDir);
      nodes.set(party, services);
      await initKeyring(services.keys, schoolKeyOf(party), 'test');
      const { code } = await issueRegistrationCode(hubServices, { party });
      await registerNode(services, await hubClientFor(services), code);
    }
  } finally {
    await hubServices.close();
  }
  // Every node learns every other's keys now, as its first cycle would.
  for (const services of nodes.values()) await refreshDirectory(services, await hubClientFor(services));

  const world: CycleWorld = {
    root,
    hubUrl,
    node(party) {
      const services = nodes.get(party);
      if (!services) throw new Error(`no node ${party} in this world`);
      return services;
    },
    dataDir: (party) => join(root, party),
    async send(from, to, description = `from ${from} to ${to}`) {
      const services = world.node(from);
      const message = await createOutgoingMessage(services, {
        to: [to],
        subject: 'GEN',
        type: 'SUB',
        description,
        owner: 'test',
        attachments: [
          {
            displayName: 'data.csv',
            mediaType: 'text/csv',
            open: () => Readable.from([Buffer.from('code,value\nA,1\n')]),
          },
        ],
      });
      const [outcome] = await sealMessages(services, {
        ids: [message.id],
        schoolKey: schoolKeyOf(from),
        actor: 'test',
      });
      if (!outcome?.ok) throw new Error(`sealing failed: ${JSON.stringify(outcome)}`);
      return message.id;
    },
    async slowClient(party, delayMs) {
      const client = await hubClientFor(world.node(party));
      let first = true;
      const hold = async (): Promise<void> => {
        if (!first) return;
        first = false;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      };
      // The real client underneath: only the first request of the cycle waits.
      const slow = Object.create(client) as HubClient;
      slow.getJson = async <T>(path: string, signed?: boolean): Promise<T> => {
        await hold();
        return client.getJson<T>(path, signed);
      };
      return slow;
    },
    async close() {
      for (const services of nodes.values()) await services.close();
      await hub.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return world;
}
