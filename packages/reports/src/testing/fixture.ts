/**
 * A school's November 2026 in messages, for the report tests, the docs images and the benchmark:
 * realistic subjects, parties, statuses and times, written through the repositories (the same path
 * as production) rather than through real transmissions, which would take minutes. `extra` adds
 * deterministic filler rows so a report runs over several pages.
 */
import type {
  IncomingMessage,
  IncomingMessageRepository,
  KeyChangeRepository,
  OutgoingMessage,
  OutgoingMessageRepository,
  OutgoingStatus,
  IncomingStatus,
} from '@cds/domain';

export const FIXTURE_PARTY = {
  code: '123456',
  names: { 'zh-HK': '示範中學', en: 'Demo Secondary School' },
} as const;

/** 09:00 on Monday 2 November 2026 in Hong Kong. */
export const FIXTURE_START = Date.UTC(2026, 10, 2, 1, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FixtureRepos {
  readonly outgoing: Pick<OutgoingMessageRepository, 'insert'>;
  readonly incoming: Pick<IncomingMessageRepository, 'insertIfNew'>;
  readonly keyChanges: Pick<KeyChangeRepository, 'append'>;
}

type Out = [
  subject: string,
  type: string,
  to: string,
  description: string,
  status: OutgoingStatus,
  urgent?: boolean,
  confidential?: boolean,
];

export const OUTGOING_ROWS: readonly Out[] = [
  ['STU', 'SUB', 'EDB', '表格 A – 學生離校（2026年11月第1批）', 'RECEIVED'],
  ['ATT', 'SUB', 'EDB', '學生缺課資料（2026年10月）', 'RECEIVED'],
  ['SCH', 'SUB', 'EDB', '班別及科目資料調查 2026/27', 'SENT'],
  ['SPA', 'SUB', 'EDB', '中一學位分配 – 學生選校資料', 'RECEIVED', true, true],
  ['TSA', 'SUB', 'HKEAA', '全港性系統評估 – 小三學生名單', 'SEND_FAIL'],
  ['APL', 'SUB', 'EDB', '應用學習課程報名資料（2027/29 學年）', 'PROCESSING'],
  ['DSE', 'SUB', 'HKEAA', '香港中學文憑試 – 校本評核分數（中國語文）', 'RECEIVED', true, true],
  ['SFO', 'SUB', 'SFO', '學校書簿津貼計劃 – 申請學生名單', 'REJECTED', false, true],
  ['FIN', 'SUB', 'EDB', '2025/26 年度經審核財務報告', 'READY'],
  ['GEN', 'RPL', 'EDB', '回覆：教育局通告第 12/2026 號（學校資料調查）', 'RECEIVED'],
  ['STU', 'SUB', 'EDB', '實際在學人數點算（2026年9月）', 'RECEIVED'],
  ['STU', 'SUB', 'EDB', '新高中科目組合資料', 'SENT'],
  ['SYS', 'VER', 'EDB', '網上校管系統版本資料 4.2.0', 'RECEIVED'],
  [
    'STU',
    'SUB',
    'EDB',
    '表格 A – 學生離校：中三甲班陳大文、李小明；中四乙班張家輝（轉校）；中五丙班黃美玲（移居海外）。請貴局查收並更新學生紀錄，如有查詢請致電 2345 6789 與本校教務處聯絡。',
    'SEND_FAIL',
    true,
  ],
  ['GEN', 'SUB', 'EDB', '=HYPERLINK("http://example.invalid","請按此")', 'READY'],
  ['HEI', 'SUB', 'EDB', '申請大專院校 – 學生推薦名單（聯招）', 'PROCESSING'],
  ['ESDA', 'SUB', 'EDB', 'Stakeholder survey data 2025/26 (ESDA)', 'SENT'],
  ['STU', 'SUB', 'EDB', 'Form A – Student leaving (2026-11, batch 2)', 'READY'],
];

type In = [
  subject: string,
  type: string,
  from: string,
  description: string,
  status: IncomingStatus,
  urgent?: boolean,
  confidential?: boolean,
];

export const INCOMING_ROWS: readonly In[] = [
  ['TSA', 'PAR', 'HKEAA', '全港性系統評估參數檔案（2026）', 'IMPORTED'],
  ['GEN', 'CIR', 'EDB', '教育局通告第 12/2026 號 – 學校資料調查', 'DECRYPTED'],
  ['SPA', 'RES', 'EDB', '中一學位分配結果', 'ENCRYPTED', true, true],
  ['SFO', 'RES', 'SFO', '學校書簿津貼計劃 – 審批結果', 'DECRYPTED', false, true],
  ['DSE', 'PAR', 'HKEAA', '香港中學文憑試 – 考生資料核對檔案', 'IMPORT_FAIL'],
  ['STU', 'RPL', 'EDB', '回覆：表格 A – 學生離校（2026年11月第1批）', 'DECRYPTED'],
  ['SYS', 'CIR', 'EDB', '網上校管系統新版本通知', 'ENCRYPTED'],
  ['APL', 'RES', 'EDB', '應用學習課程取錄結果', 'DECRYPT_FAIL'],
  ['ATT', 'CIR', 'EDB', 'Reminder: attendance data for November 2026', 'DECRYPTED'],
  ['SPA', 'PAR', 'EDB', '中一自行分配學位 – 參數檔案', 'IMPORTED', true],
];

const LAST_ERRORS: Partial<Record<OutgoingStatus | IncomingStatus, string>> = {
  SEND_FAIL: '無法連接聯遞系統中央伺服器（連線逾時）',
  REJECTED: '收件者拒絕：學校書簿津貼申請已截止',
  IMPORT_FAIL: '第 3 行：班別代碼 6Z 不正確',
  DECRYPT_FAIL: '附件雜湊值不符',
};

const OWNERS = ['head', 'staff', 'sysadmin'];

/** Deterministic pseudo-random numbers (mulberry32), so filler rows are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUIDv7-shaped id whose time part is the creation time, as the node's ids are. */
export function fixtureId(at: number, n: number): string {
  const hex = at.toString(16).padStart(12, '0');
  const tail = n.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${tail}`;
}

function outgoing(row: Out, n: number, at: number): OutgoingMessage {
  const [subject, type, to, description, status, urgent, confidential] = row;
  const past = (step: number) => (status === 'READY' ? null : at + step * HOUR);
  const sent = ['SENT', 'RECEIVED'].includes(status) ? at + 2 * HOUR : null;
  return {
    id: fixtureId(at, n),
    subject,
    type,
    priority: urgent ? 'URGENT' : 'NORMAL',
    encryptionLevel: confidential ? 'CONFIDENTIAL' : 'RESTRICTED',
    description,
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    to: [to],
    status,
    owner: OWNERS[n % OWNERS.length] ?? 'staff',
    sourceModule: null,
    createdAt: at,
    updatedAt: at + (status === 'READY' ? 0 : 3 * HOUR),
    sealedAt: status === 'REJECTED' ? null : past(1),
    sentAt: sent,
    receivedAt: status === 'RECEIVED' ? at + 3 * HOUR : null,
    attempts: status === 'SEND_FAIL' ? 3 : sent ? 1 : 0,
    lastError: LAST_ERRORS[status] ?? null,
    exportedAt: status === 'SEND_FAIL' && n % 2 === 0 ? at + 5 * HOUR : null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadBlob: null,
    payloadSha256: null,
    payloadSize: status === 'READY' ? null : 4096 + n * 37,
    recipientKids: null,
    acceptanceReceipt: null,
  };
}

function incoming(row: In, n: number, at: number): IncomingMessage {
  const [subject, type, from, description, status, urgent, confidential] = row;
  const decrypted = status === 'ENCRYPTED' || status === 'DECRYPT_FAIL' ? null : at + HOUR;
  return {
    id: fixtureId(at, 0x800000 + n),
    subject,
    type,
    priority: urgent ? 'URGENT' : 'NORMAL',
    encryptionLevel: confidential ? 'CONFIDENTIAL' : 'RESTRICTED',
    description,
    schoolReference: null,
    replyDeadline: null,
    replyToId: null,
    from,
    status,
    receivedAt: at,
    updatedAt: decrypted ?? at,
    read: decrypted !== null,
    decryptedBy: decrypted ? 'head' : null,
    decryptedAt: decrypted,
    importedBy: status === 'IMPORTED' ? 'staff' : null,
    importedAt: status === 'IMPORTED' ? at + 2 * HOUR : null,
    importResult: null,
    businessState: null,
    lastError: LAST_ERRORS[status] ?? null,
    archived: false,
    version: 1,
    headerJws: null,
    payloadSha256: null,
    payloadSize: 2048 + n * 53,
    deliveryReceipt: null,
    acknowledgedAt: at,
  };
}

export interface FixtureOptions {
  /** Filler rows added to each box after the listed ones (default 0). */
  readonly extra?: number;
}

/**
 * Writes the fixture: the listed rows one working hour apart from FIXTURE_START across November,
 * then `extra` filler rows per box, then three School Key changes.
 */
export async function seedReportFixture(repos: FixtureRepos, options: FixtureOptions = {}): Promise<void> {
  const next = random(20261102);
  const spread = (i: number) => FIXTURE_START + Math.floor(i / 4) * DAY + (i % 4) * 2 * HOUR + i * 60_000;
  const extra = options.extra ?? 0;
  for (let i = 0; i < OUTGOING_ROWS.length + extra; i += 1) {
    const row = OUTGOING_ROWS[i] ?? OUTGOING_ROWS[Math.floor(next() * OUTGOING_ROWS.length)];
    if (row) await repos.outgoing.insert(outgoing(row, i, spread(i % 100) + Math.floor(i / 100)), []);
  }
  for (let i = 0; i < INCOMING_ROWS.length + extra; i += 1) {
    const row = INCOMING_ROWS[i] ?? INCOMING_ROWS[Math.floor(next() * INCOMING_ROWS.length)];
    if (row)
      await repos.incoming.insertIfNew(incoming(row, i, spread(i % 100) + 30 * 60_000), 'b'.repeat(64));
  }
  const year = 365 * DAY;
  const changes = [
    { at: FIXTURE_START - 300 * DAY, reason: 'initial key', user: 'head' },
    { at: FIXTURE_START + 3 * DAY, reason: 'yearly change', user: 'head' },
    {
      at: FIXTURE_START + 17 * DAY,
      reason: 'recovery: School Key forgotten after staff change',
      user: 'cdsadmin',
    },
  ];
  for (const [i, change] of changes.entries()) {
    await repos.keyChanges.append({
      id: fixtureId(change.at, 0xf00000 + i),
      at: change.at,
      user: change.user,
      kid: `k${(0x5a17c0de + i).toString(16)}`,
      fingerprint: `SHA256:${'3f9a6c1e7b2d4058a1c9e6f3b7d2a4c8e1f5b9d3a7c2e6f0b4d8a1c5e9f3b7d2'.slice(i, i + 43)}`,
      validFrom: change.at,
      validTo: change.at + year,
      reason: change.reason,
    });
  }
}
