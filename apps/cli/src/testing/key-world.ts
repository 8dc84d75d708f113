import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueRegistrationCode, listParticipants, openHubServices, startHub } from '@cds/hub';
import { initKeyring } from '@cds/keys';
import {
  hubClientFor,
  initNode,
  openNodeServices,
  registerNode,
  runTransmissionCycle,
  type NodeServices,
} from '@cds/node';
import { freePort } from './cli-harness.js';

/**
 * A hub on loopback with EDB and school 123456 registered, driven in process through the use cases the
 * CLI calls. Each test file starts its own, so no file depends on the keys another one changed.
 */
export interface KeyWorld {
  readonly root: string;
  readonly hubDir: string;
  readonly hub: Awaited<ReturnType<typeof startHub>>;
  readonly operator: Awaited<ReturnType<typeof openHubServices>>;
  readonly edb: NodeServices;
  readonly school: NodeServices;
  /** A node initialised with its School Key and registered with a fresh code. */
  join(party: string, nodeRole: 'school' | 'agency'): Promise<NodeServices>;
  /** A node initialised with its School Key, not registered. */
  open(party: string): Promise<NodeServices>;
  participant(party: string): Promise<Awaited<ReturnType<typeof listParticipants>>[number] | undefined>;
  cycle(services: NodeServices): ReturnType<typeof runTransmissionCycle>;
  close(): Promise<void>;
}

/** The School Key of `party` after its `n`-th change. */
export const schoolKey = (party: string, n = 0) => Buffer.from(`School-Key-For-${party}-${n}`);

export async function startKeyWorld(prefix: string): Promise<KeyWorld> {
  process.env['CDS_LOG_LEVEL'] ??= 'warn';
  process.env['CDS_TEST_HOOKS'] = '1';
  process.env['CDS_TEST_SCRYPT_LOGN'] = '10';
  process.env['CDS_TEST_VERSION'] = '1.0.0';
  const root = await mkdtemp(join(tmpdir(), `cds-${prefix}-`));
  const hubDir = join(root, 'hub');
  const hub = await startHub({
    dataDir: hubDir,
    host: '127.0.0.1',
    port: await freePort(),
    handleSignals: false,
  });
  const operator = await openHubServices(hubDir);
  const nodes: NodeServices[] = [];

  const open = async (party: string, nodeRole: 'school' | 'agency' = 'school') => {
    const dataDir = join(root, party);
    await initNode({ dataDir, party, nodeRole, hubUrls: [hub.url] });
    const services = await openNodeServices(dataDir);
    nodes.push(services);
    await initKeyring(services.keys, schoolKey(party), 'test');
    return services;
  };
  const join_ = async (party: string, nodeRole: 'school' | 'agency') => {
    const services = await open(party, nodeRole);
    const { code } = await issueRegistrationCode(operator, { party });
    await registerNode(services, await hubClientFor(services), code);
    return services;
  };
  const edb = await join_('EDB', 'agency');
  const school = await join_('123456', 'school');
  return {
    root,
    hubDir,
    hub,
    operator,
    edb,
    school,
    join: join_,
    open: (party) => open(party),
    participant: async (party) => (await listParticipants(operator)).find((row) => row.party === party),
    cycle: (services) =>
      runTransmissionCycle(services, { actor: 'test', retry: { attempts: 1, baseDelayMs: 1 } }),
    async close() {
      for (const services of nodes) await services.close();
      await operator.close();
      await hub.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
