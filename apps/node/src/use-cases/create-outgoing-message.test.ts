import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNode } from '../init-node.js';
import { openNodeServices, type NodeServices } from '../node-services.js';
import { createOutgoingMessage, type CreateOutgoingInput } from './create-outgoing-message.js';

let school: NodeServices;
let agency: NodeServices;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'cds-create-'));
  for (const [party, nodeRole] of [
    ['123456', 'school'],
    ['EDB', 'agency'],
  ] as const) {
    await initNode({ dataDir: join(root, party), party, nodeRole, hubUrls: ['http://127.0.0.1:1'] });
  }
  school = await openNodeServices(join(root, '123456'));
  agency = await openNodeServices(join(root, 'EDB'));
});
afterAll(async () => {
  await school?.close();
  await agency?.close();
});

const file = (name: string, text: string) => ({
  displayName: name,
  mediaType: 'text/plain',
  open: () => Readable.from([Buffer.from(text)]),
});

const base: CreateOutgoingInput = {
  to: ['EDB'],
  subject: 'STU',
  type: 'SUB',
  description: '表格 A – 學生離校',
  attachments: [],
  owner: 'staff',
};

describe('新增訊息 (create an outgoing message)', () => {
  it('stores a READY message whose attachments are in the blob store under NFC names', async () => {
    const message = await createOutgoingMessage(school, {
      ...base,
      attachments: [file('Cafe\u0301.txt', 'one'), file('學生.csv', 'two')],
    });
    expect(message).toMatchObject({ status: 'READY', to: ['EDB'], priority: 'NORMAL', headerJws: null });
    const stored = await school.repos.outgoing.attachments(message.id);
    expect(stored.map((a) => [a.ordinal, a.displayName, a.size])).toEqual([
      [1, 'Café.txt', 3],
      [2, '學生.csv', 3],
    ]);
    for (const attachment of stored) expect(await school.blobs.has(attachment.blob)).toBe(true);
  });

  it.each([
    ['a school addressing two parties', { to: ['EDB', 'HKEAA'] }, 'validation.failed'],
    ['a message to itself', { to: ['123456'] }, 'validation.failed'],
    ['an unknown party', { to: ['XYZ'] }, 'party.invalid_code'],
    ['an unknown subject', { subject: 'ABC' }, 'code.unknown'],
    ['a description over 200 characters', { description: '字'.repeat(201) }, 'validation.failed'],
    ['a description on two lines', { description: 'a\nb' }, 'validation.failed'],
    [
      'two names equal but for case',
      { attachments: [file('Report.csv', 'a'), file('report.CSV', 'b')] },
      'envelope.display_name_invalid',
    ],
  ])('refuses %s and stores nothing', async (_label, change, code) => {
    const before = (await school.repos.outgoing.list({})).items.length;
    await expect(createOutgoingMessage(school, { ...base, ...change })).rejects.toMatchObject({ code });
    expect((await school.repos.outgoing.list({})).items).toHaveLength(before);
  });

  it('lets an agency address several parties (a broadcast)', async () => {
    const message = await createOutgoingMessage(agency, { ...base, to: ['123456', '654321'], type: 'PAR' });
    expect(message.to).toEqual(['123456', '654321']);
  });
});
