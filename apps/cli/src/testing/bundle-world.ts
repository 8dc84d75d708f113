/**
 * A hub and registered nodes in this process (loopback HTTP, real SQLite, real keys, envelopes and
 * bundles) for the offline export/import tests: the hub can be stopped and started again on the same
 * port, so a school can fail to send, export, and be caught up by ingest and a later cycle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { RunningServer } from '@cds/http';
import { issueRegistrationCode, openHubServices, startHub, type HubContext } from '@cds/hub';
import { initKeyring } from '@cds/keys';
import {
  createOutgoingMessage,
  hubClientFor,
  initNode,
  openNodeServices,
  refreshDirectory,
  registerNode,
  runTransmissionCycle,
  sealMessages,
  type CycleReport,
  type NodeServices,
} from '@cds/node';
import { freePort } from './cli-harness.js';

// The keyring's scrypt work factor and the fault points are test hooks: only with CDS_TEST_HOOKS=1.
process.env['CDS_TEST_HOOKS'] = '1';
process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
process.env['CDS_LOG_LEVEL'] ??= 'warn';

export const schoolKeyOf = (party: string): Buffer => Buffer.from(`School-Key-For-${party}-2026`);

export interface BundleWorld {
  readonly root: string;
  readonly hubDir: string;
  readonly hubUrl: string;
  node(party: string): NodeServices;
  dataDir(party: string): string;
  /** A sealed (PROCESSING) message with one attachment; returns its id. */
  send(from: string, to: string, content: Buffer, description?: string): Promise<string>;
  /** One cycle with millisecond retries; the hub may be down. */
  cycle(party: string): Promise<CycleReport>;
  stopHub(): Promise<void>;
  startHub(): Promise<void>;
  /** The hub's use cases on its data directory, as the operator CLI opens them. */
  withHub<T>(work: (hub: HubContext) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createBundleWorld(
  parties: ReadonlyArray<readonly [string, 'school' | 'agency']>,
): Promise<BundleWorld> {
  const root = await mkdtemp(join(tmpdir(), 'cds-bundles-'));
  const hubDir = join(root, 'hub');
  const port = await freePort();
  const hubUrl = `http://127.0.0.1:${port}`;
  let hub: RunningServer | undefined;
  const nodes = new Map<string, NodeServices>();

  const world: BundleWorld = {
    root,
    hubDir,
    hubUrl,
    node(party) {
      const services = nodes.get(party);
      if (!services) throw new Error(`no node ${party}`);
      return services;
    },
    dataDir: (party) => join(root, party),
    async send(from, to, content, description = `from ${from} to ${to}`) {
      const services = world.node(from);
      const message = await createOutgoingMessage(services, {
        to: [to],
        subject: 'STU',
        type: 'SUB',
        description,
        owner: 'staff',
        attachments: [
          { displayName: 'form-a.csv', mediaType: 'text/csv', open: () => Readable.from([content]) },
        ],
      });
      const [sealed] = await sealMessages(services, {
        ids: [message.id],
        schoolKey: schoolKeyOf(from),
        actor: 'head',
      });
      if (!sealed?.ok) throw new Error(`sealing failed: ${sealed?.ok === false ? sealed.error.code : '?'}`);
      return message.id;
    },
    cycle: (party) =>
      runTransmissionCycle(world.node(party), { actor: 'test', retry: { attempts: 1, baseDelayMs: 1 } }),
    async stopHub() {
      await hub?.close();
      hub = undefined;
    },
    async startHub() {
      hub = await startHub({ dataDir: hubDir, host: '127.0.0.1', port, handleSignals: false });
    },
    async withHub(work) {
      const services = await openHubServices(hubDir);
      try {
        return await work(services);
      } finally {
        await services.close();
      }
    },
    async close() {
      for (const services of nodes.values()) await services.close();
      await world.stopHub();
      await rm(root, { recursive: true, force: true });
    },
  };

  await world.startHub();
  for (const [party, nodeRole] of parties) {
    const dataDir = join(root, party);
    await initNode({ dataDir, party, nodeRole, hubUrls: [hubUrl] });
    const services = await openNodeServices(dataDir);
    nodes.set(party, services);
    await initKeyring(services.keys, schoolKeyOf(party), 'test');
    const { code } = await world.withHub((hubServices) => issueRegistrationCode(hubServices, { party }));
    await registerNode(services, await hubClientFor(services), code);
  }
  // Every node learns every other's keys now, as its first cycle would.
  for (const services of nodes.values()) await refreshDirectory(services, await hubClientFor(services));
  return world;
}
