import { Readable } from 'node:stream';
import type * as Keys from '@cds/keys';
import type * as NodeApp from '@cds/node';

/** An incoming message of the fixture school, as the specs find it in 接收訊息. */
export interface FixtureIncoming {
  readonly id: string;
  readonly description: string;
  /** DECRYPTED and read (its attachments downloadable), or still ENCRYPTED and unread. */
  readonly state: 'decrypted' | 'encrypted';
}

const DAY_MS = 86_400_000;

function textFile(name: string, lines: readonly string[]): NodeApp.NewAttachment {
  const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  return {
    displayName: name,
    mediaType: name.endsWith('.csv') ? 'text/csv' : 'text/plain',
    open: () => Readable.from([bytes]),
  };
}

/** What EDB sends the fixture school: the demo's circular (with a reply deadline) and a confidential request. */
function lettersFrom(
  school: string,
  now: number,
): (NodeApp.CreateOutgoingInput & { state: FixtureIncoming['state'] })[] {
  const deadline = now + 21 * DAY_MS;
  const due = new Date(deadline + 8 * 3_600_000).toISOString().slice(0, 10);
  return [
    {
      state: 'decrypted',
      to: [school],
      subject: 'SCH',
      type: 'CIR',
      description: `教育局通告第 7/2026 號：更新學校聯絡資料（請於 ${due} 前回覆）`,
      replyDeadline: deadline,
      owner: 'officer',
      attachments: [
        textFile('EDBC-2026-07.txt', [
          '教育局通告第 7/2026 號 Education Bureau Circular No. 7/2026',
          '更新學校聯絡資料 Updating school contact information',
          `請於 ${due} 前以聯遞系統回覆。Please reply through CDS by ${due}.`,
        ]),
        textFile('school-contacts-template.csv', ['field,value', 'principal,', 'telephone,', 'email,']),
      ],
    },
    {
      state: 'encrypted',
      to: [school],
      subject: 'STU',
      type: 'CIR',
      encryptionLevel: 'CONFIDENTIAL',
      priority: 'URGENT',
      description: '2026/27 學年學生人數核實（機密）',
      owner: 'officer',
      attachments: [textFile('student-count-2026.csv', ['level,classes,students', 'P1,,', 'P2,,'])],
    },
  ];
}

/**
 * EDB seals real messages to the school (its published School Key), uploads them to the hub in a
 * cycle, and the school downloads them in its own cycle (checked, stored ENCRYPTED, acknowledged
 * with its delivery receipt) — the path of every delivery, through the nodes' own use cases. The
 * circular is then opened with the school's School Key and marked read, as a clerk would have.
 */
export async function deliverFromEdb(
  node: typeof NodeApp,
  keys: typeof Keys,
  edbDir: string,
  schoolDir: string,
  hubUrl: string,
  keysOf: { edb: string; school: string },
): Promise<FixtureIncoming[]> {
  const edb = await node.openNodeServices(edbDir);
  const school = await node.openNodeServices(schoolDir);
  try {
    const schoolClient = new node.HubClient({
      urls: [hubUrl],
      key: await keys.readTransportKey(school.keys.paths.transportKey),
      now: () => Date.now(),
    });
    await node.refreshDirectory(edb, await node.hubClientFor(edb));
    await node.refreshDirectory(school, schoolClient);
    const letters = lettersFrom(school.config.party, Date.now());
    const created: FixtureIncoming[] = [];
    for (const { state, ...letter } of letters) {
      const message = await node.createOutgoingMessage(edb, letter);
      created.push({ id: message.id, description: message.description, state });
    }
    const sealed = await node.sealMessages(edb, {
      ids: created.map((message) => message.id),
      schoolKey: Buffer.from(keysOf.edb),
      actor: 'e2e',
    });
    if (!sealed.every((outcome) => outcome.ok)) throw new Error('EDB could not seal the fixture messages');
    const retry = { attempts: 1, baseDelayMs: 1 };
    await node.runTransmissionCycle(edb, { actor: 'e2e', retry });
    await node.runTransmissionCycle(school, { actor: 'e2e', retry, client: schoolClient });
    const opened = created.filter((message) => message.state === 'decrypted').map((message) => message.id);
    const decrypted = await node.decryptIncoming(school, {
      ids: opened,
      schoolKey: Buffer.from(keysOf.school),
      // The school head opened it (the message's history names who decrypted).
      actor: 'head',
    });
    if (!decrypted.every((outcome) => outcome.ok)) throw new Error('the school could not open the circular');
    const read = await node.markIncomingRead(school, { ids: opened, read: true });
    if (!read.every((outcome) => outcome.ok)) throw new Error('the circular could not be marked read');
    return created;
  } finally {
    await school.close();
    await edb.close();
  }
}
