import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeAppFixture, type NodeAppFixture } from '../testing/node-app.js';
import { createOutgoingMessage } from '../use-cases/create-outgoing-message.js';
import { PARTY_NAME_SETTING } from '../use-cases/run-report.js';

let fx: NodeAppFixture;
let dir: string;
const as: Record<string, { cookie: string; origin: string }> = {};

beforeAll(async () => {
  fx = await nodeAppFixture();
  dir = await mkdtemp(join(tmpdir(), 'cds-report-route-'));
  await fx.addUser('head', ['SCHOOL_HEAD']);
  await fx.addUser('staff', ['STAFF']);
  for (const user of ['head', 'staff']) as[user] = await fx.login(user);
  await fx.services.repos.settings.set(PARTY_NAME_SETTING, '示範中學');
  await createOutgoingMessage(fx.services, {
    to: ['EDB'],
    subject: 'STU',
    type: 'SUB',
    description: '表格 A 學生離校',
    owner: 'staff',
    attachments: [
      { displayName: 'a.csv', mediaType: 'text/csv', open: () => Readable.from([Buffer.from('x\n')]) },
    ],
  });
});
afterAll(async () => {
  await fx?.close();
  await rm(dir, { recursive: true, force: true });
});

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const get = (user: string, url: string) => fx.app.inject({ url, headers: as[user] });

describe('GET /api/reports (聯遞系統報告)', () => {
  it('lists the nine reports with the criteria each takes', async () => {
    const { partyName, reports: body } = (await get('head', '/api/reports')).json<{
      partyName: string | null;
      reports: { slug: string; box: string | null }[];
    }>();
    expect(partyName).toBe('示範中學');
    // The same name beside the code in the web app's header (public: the login page shows it too).
    expect((await fx.app.inject({ url: '/api/info' })).json()).toMatchObject({
      party: '123456',
      name: '示範中學',
    });
    expect(body).toHaveLength(9);
    expect(body.find((r) => r.slug === 'key-history')?.box).toBeNull();
    expect(body.find((r) => r.slug === 'daily-outgoing')?.box).toBe('outgoing');
  });

  it('streams a PDF with the school name and the Chinese title', async () => {
    const response = await get('head', `/api/reports/daily-outgoing?from=${today}&to=${today}&format=pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="daily-outgoing_/);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'r.pdf');
    await writeFile(file, response.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('每日製作的寄發訊息清單');
    expect(text).toContain('示範中學');
    expect(text).toContain('表格 A 學生離校');
  });

  it('frames only the inline preview, and only for this origin', async () => {
    const inline = await get(
      'head',
      `/api/reports/key-history?from=${today}&to=${today}&format=pdf&lang=en&disposition=inline`,
    );
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'");
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    const download = await get('head', `/api/reports/key-history?from=${today}&to=${today}`);
    expect(download.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('streams an XLSX with status and subject criteria', async () => {
    const response = await get(
      'head',
      `/api/reports/outgoing-summary?from=${today}&to=${today}&format=xlsx&status=READY&status=SENT&subject=STU`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses users without cds.report, and bad criteria with a specific error', async () => {
    const staff = await get('staff', `/api/reports/daily-outgoing?from=${today}&to=${today}`);
    expect([staff.statusCode, staff.json().error.code]).toEqual([403, 'auth.forbidden']);
    const cases: [string, number, string][] = [
      [`/api/reports/nope?from=${today}&to=${today}`, 404, 'report.unknown_slug'],
      ['/api/reports/daily-outgoing?from=2026-02-30&to=2026-03-01', 400, 'report.invalid_date'],
      ['/api/reports/daily-outgoing?from=2026-03-02&to=2026-03-01', 400, 'report.date_range_reversed'],
      [
        `/api/reports/key-history?from=${today}&to=${today}&status=READY`,
        400,
        'report.criterion_not_supported',
      ],
      [`/api/reports/daily-outgoing?from=${today}&to=${today}&format=doc`, 400, 'report.unsupported_format'],
      [`/api/reports/daily-outgoing?from=${today}`, 400, 'validation.failed'],
    ];
    for (const [url, status, code] of cases) {
      const response = await get('head', url);
      expect([url, response.statusCode, response.json().error.code]).toEqual([url, status, code]);
    }
  });
});
