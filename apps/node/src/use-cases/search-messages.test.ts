import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '@cds/domain';
import { initNode } from '../init-node.js';
import { openNodeServices, type NodeServices } from '../node-services.js';
import { listMessages } from './list-messages.js';
import { searchMessages } from './search-messages.js';

let node: NodeServices;
/** 2026-09-01 00:00 in Hong Kong is 2026-08-31 16:00 UTC. */
const SEP_1_HK = Date.UTC(2026, 7, 31, 16);

function outgoing(id: string, createdAt: number, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id,
    subject: 'STU',
    type: 'SUB',
    priority: 'NORMAL',
    encryptionLevel: 'RESTRICTED',
    description: '表格 A – 學生離校 Form A',
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    to: ['EDB'],
    status: 'SEND_FAIL',
    owner: 'staff',
    sourceModule: null,
    createdAt,
    updatedAt: createdAt,
    sealedAt: null,
    sentAt: null,
    receivedAt: null,
    attempts: 0,
    lastError: null,
    exportedAt: null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadBlob: null,
    payloadSha256: null,
    payloadSize: null,
    recipientKids: null,
    acceptanceReceipt: null,
    ...overrides,
  };
}

beforeAll(async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'cds-search-')), '123456');
  await initNode({ dataDir: dir, party: '123456', nodeRole: 'school', hubUrls: ['http://127.0.0.1:1'] });
  node = await openNodeServices(dir);
  const rows = [
    outgoing('01900000-0000-7000-8000-000000000001', SEP_1_HK - 1),
    outgoing('01900000-0000-7000-8000-000000000002', SEP_1_HK),
    outgoing('01900000-0000-7000-8000-000000000003', SEP_1_HK + 86_400_000 - 1, {
      to: ['HKEAA'],
      subject: 'TSA',
    }),
    outgoing('01900000-0000-7000-8000-000000000004', SEP_1_HK + 86_400_000, { description: 'Circular' }),
  ];
  for (const row of rows) await node.repos.outgoing.insert(row, []);
});
afterAll(async () => node?.close());

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((m) => m.id.slice(-1));

describe('searching the lists (SPEC §6)', () => {
  it('reads dates as whole Hong Kong days, both ends included', async () => {
    const page = await searchMessages(node, { box: 'outgoing', from: '2026-09-01', to: '2026-09-01' });
    expect(ids(page.items)).toEqual(['3', '2']);
    expect(ids((await searchMessages(node, { box: 'outgoing', to: '2026-08-31' })).items)).toEqual(['1']);
  });

  it('combines description, party, subject and status, with codes in any case', async () => {
    const found = await listMessages(node, {
      box: 'outgoing',
      description: 'form a',
      party: 'HKEAA',
      subject: 'tsa',
      type: 'sub',
      status: ['send_fail'],
    });
    expect(ids(found)).toEqual(['3']);
  });

  it('pages with the cursor it returns', async () => {
    const first = await searchMessages(node, { box: 'outgoing', description: 'Form A', limit: 2 });
    expect(ids(first.items)).toEqual(['3', '2']);
    const second = await searchMessages(node, {
      box: 'outgoing',
      description: 'Form A',
      limit: 2,
      after: first.next,
    });
    expect(ids(second.items)).toEqual(['1']);
    expect(second.next).toBeNull();
  });

  it.each([
    ['a date that does not exist', { from: '2026-02-30' }, 'validation.failed'],
    ['a date in another format', { to: '01/09/2026' }, 'validation.failed'],
    ['an unknown party', { party: 'XYZ' }, 'validation.failed'],
    ['an unknown subject', { subject: 'ABC' }, 'code.unknown'],
    ['an unknown status', { status: ['LOST'] }, 'code.unknown'],
    ['a description over 200 characters', { description: 'x'.repeat(201) }, 'validation.failed'],
  ])('refuses %s', async (_label, criteria, code) => {
    await expect(searchMessages(node, { box: 'outgoing', ...criteria })).rejects.toMatchObject({ code });
  });
});
