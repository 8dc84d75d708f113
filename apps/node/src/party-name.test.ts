import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initNode } from './init-node.js';
import { openNodeServices } from './node-services.js';
import { partyNameOf } from './party-name.js';

const root = await mkdtemp(join(tmpdir(), 'cds-party-name-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function nameAfterInit(party: string, name?: string) {
  const dataDir = join(root, party);
  await initNode({ dataDir, party, nodeRole: 'school', hubUrls: ['http://127.0.0.1:1'], name });
  const services = await openNodeServices(dataDir);
  try {
    return await partyNameOf(services.repos.settings);
  } finally {
    await services.close();
  }
}

describe('the printed name (party.name, report headers)', () => {
  it('cds node init --name sets it, trimmed; without it there is none', async () => {
    expect(await nameAfterInit('123456', '  示範中學 ')).toBe('示範中學');
    expect(await nameAfterInit('654321')).toBeNull();
    expect(await nameAfterInit('111111', '   ')).toBeNull();
  });
});
