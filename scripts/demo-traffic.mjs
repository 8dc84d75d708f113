// Demo traffic (SPEC §4, §11): agency nodes cycle every 10 s, schools on school-day times, and once
// registered the schools find EDB and HKEAA messages waiting (a circular with a reply deadline, a TSA
// parameter file), sealed with the agencies' demo keys. Idempotent: a restart changes nothing.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DEMO_NODES, demoSchoolKey } from './demo-participants.mjs';

const SEEDED = 'demo.seeded';
const DAY_MS = 86_400_000;

async function withServices(node, dataRoot, party, work) {
  const services = await node.openNodeServices(join(dataRoot, party));
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/** Before the nodes start: a schedule for each node that has none yet (the scheduler reads it at start). */
export async function setDemoSchedules(repo, dataRoot, log) {
  const node = await import(join(repo, 'apps/node/dist/index.js'));
  for (const participant of DEMO_NODES) {
    await withServices(node, dataRoot, participant.party, async (services) => {
      if ((await node.showTransmissionSchedule(services)).source === 'set') return;
      const schedule =
        participant.role === 'agency'
          ? { mode: 'interval', intervalSeconds: 10 }
          : {
              mode: 'daily',
              times: ['08:00', '12:30', '16:30'],
              weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
            };
      await node.setTransmissionSchedule(services, { schedule, actor: 'demo' });
      log(
        `  ${participant.party} 設定時間輸送: ${schedule.mode === 'interval' ? 'every 10 s' : 'school days 08:00, 12:30, 16:30'}`,
      );
    });
  }
}

function textFile(name, lines) {
  const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  return {
    displayName: name,
    mediaType: name.endsWith('.csv') ? 'text/csv' : 'text/plain',
    open: () => Readable.from([bytes]),
  };
}

/** What each agency sends the registered demo schools, as one broadcast each. */
function seedsOf(agency, schools, now) {
  if (agency === 'EDB') {
    const deadline = now + 21 * DAY_MS;
    const due = new Date(deadline + 8 * 3_600_000).toISOString().slice(0, 10);
    return {
      to: schools,
      subject: 'SCH',
      type: 'CIR',
      description: `教育局通告第 7/2026 號：更新學校聯絡資料（請於 ${due} 前回覆）`,
      replyDeadline: deadline,
      attachments: [
        textFile('EDBC-2026-07.txt', [
          '教育局通告第 7/2026 號 Education Bureau Circular No. 7/2026',
          '更新學校聯絡資料 Updating school contact information',
          `請於 ${due} 前以聯遞系統回覆。Please reply through CDS by ${due}.`,
        ]),
      ],
    };
  }
  return {
    to: schools,
    subject: 'TSA',
    type: 'PAR',
    description: '2026 全港性系統評估參數檔案（小三、小六、中三）',
    replyDeadline: null,
    attachments: [
      textFile('TSA2026_PARAMETERS.csv', [
        'level,subject,paper,date,duration_minutes',
        'P3,CHI,READING,2026-06-10,40',
        'P3,ENG,READING,2026-06-11,30',
        'P6,MAT,PAPER1,2026-06-12,50',
        'S3,ENG,LISTENING,2026-06-15,45',
      ]),
    ],
  };
}

/**
 * After registration: each agency seals its seed once (the demo Agency Key unlocks its keyring) and
 * leaves it PROCESSING; its own scheduled cycle uploads it within 10 s, and each school's next cycle
 * (即時傳送, or its school-day times) downloads it.
 */
export async function seedDemoMessages(repo, dataRoot, log) {
  const node = await import(join(repo, 'apps/node/dist/index.js'));
  const schools = DEMO_NODES.filter((n) => n.role === 'school' && !n.unregistered).map((n) => n.party);
  for (const agency of DEMO_NODES.filter((n) => n.role === 'agency').map((n) => n.party)) {
    await withServices(node, dataRoot, agency, async (services) => {
      if ((await services.repos.settings.get(SEEDED)) !== null) return;
      if (!(await node.registrationState(services))) return;
      const seed = seedsOf(agency, schools, services.keys.clock.now());
      const message = await node.createOutgoingMessage(services, {
        ...seed,
        owner: 'demo',
        sourceModule: 'demo',
      });
      const [sealed] = await node.sealMessages(services, {
        ids: [message.id],
        schoolKey: Buffer.from(demoSchoolKey(agency)),
        actor: 'demo',
        hubClient: () => node.hubClientFor(services),
      });
      if (!sealed.ok) throw new Error(`sealing the ${agency} demo message failed: ${sealed.error.code}`);
      await services.repos.settings.set(
        SEEDED,
        JSON.stringify({ id: message.id, at: services.keys.clock.now() }),
      );
      log(`  ${agency} queued "${seed.description}" to ${schools.join(', ')}`);
    });
  }
}
