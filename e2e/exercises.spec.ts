/**
 * The training slides' exercises on a whole demo world (hub, schools, EDB and HKEAA cycling every
 * 10 s), one browser context per node, covering what the other specs do not:
 *  (1) 寄發訊息: staff adds a CONFIDENTIAL message, the head seals it in 處理訊息, 即時傳送 → 已接收;
 *  (2) 再傳送: resend it; EDB still holds exactly one copy, the attempts are shown;
 *  (3) a tampered payload on the school's disk → 解密失敗, the other messages unaffected;
 *  (4) STAFF cannot seal (no 處理訊息, API 403) nor download a CONFIDENTIAL message's attachment;
 *  (5) after 更改學校密碼匙 an incoming message received before the change opens with the new key.
 */
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoSchoolKey, startDemoWorld, type World } from './support/world.js';

const SCHOOL = '123456';
const DESCRIPTION = '練習一：學校聯絡資料更新（機密）';
const ATTACHMENT = { name: '聯絡資料.csv', content: 'role,name,phone\nprincipal,陳校長,21234567\n' };
const CIRCULAR = /教育局通告第 7\/2026 號/;
const TSA = '2026 全港性系統評估參數檔案（小三、小六、中三）';
const NEW_KEY = 'Renewed-Demo-Key-123456-2026';

let world: World;
let school: Page;
let edb: Page;
const contexts: BrowserContext[] = [];
let messageId = '';

async function contextPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-HK',
    timezoneId: 'Asia/Hong_Kong',
    viewport: { width: 1366, height: 860 },
    reducedMotion: 'reduce',
  });
  contexts.push(context);
  return context.newPage();
}

test.describe.serial('training exercises on a demo world', () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    world = await startDemoWorld(24_000);
    school = await contextPage(browser);
    edb = await contextPage(browser);
  });
  test.afterAll(async () => {
    for (const context of contexts) await context.close();
    await world?.stop();
  });

  async function logIn(page: Page, party: string, username: string): Promise<void> {
    await page.goto(`${world.url(party)}/login`);
    await page.getByRole('textbox', { name: /用戶名稱|User name/ }).fill(username);
    await page.getByLabel(/^(密碼|Password)/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /^(登入|Log in)$/ }).click();
    await expect(page.getByTestId('main-menu')).toBeVisible();
  }

  async function logOut(page: Page): Promise<void> {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: /登出|Log out/ }).click();
    await expect(page).toHaveURL(/\/login/);
  }

  async function axe(page: Page, screen: string): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(
      violations.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }

  const outgoingStatus = async (): Promise<string> => {
    const answer = await school.request.get(`${world.url(SCHOOL)}/api/messages/outgoing/${messageId}`);
    return ((await answer.json()) as { status: string }).status;
  };

  /** 即時傳送 on the school: one cycle, to its end. */
  async function transmit(): Promise<void> {
    await school.goto(`${world.url(SCHOOL)}/transmission`);
    await school.getByRole('button', { name: '開始傳送' }).click();
    await expect(school.getByTestId('transmission-run')).toHaveAttribute(
      'data-state',
      /completed|failed|stopped/,
      { timeout: 30_000 },
    );
  }

  /** Cycles until EDB has downloaded the message and its receipt is back (EDB cycles every 10 s). */
  async function transmitUntilReceived(): Promise<void> {
    await expect
      .poll(
        async () => {
          await transmit();
          return outgoingStatus();
        },
        { timeout: 40_000, intervals: [3_000] },
      )
      .toBe('RECEIVED');
  }

  test('(1)(4) staff adds a CONFIDENTIAL message but cannot seal; the head seals it; 即時傳送 → 已接收', async () => {
    test.setTimeout(90_000);
    const url = world.url(SCHOOL);
    await logIn(school, SCHOOL, 'staff');
    await school.goto(`${url}/outgoing/new`);
    await school
      .getByLabel(/^收件單位/)
      .first()
      .click();
    await school.getByRole('option', { name: /教育局/ }).click();
    await school.getByLabel(/^訊息描述/).fill(DESCRIPTION);
    await school.getByLabel(/^科目/).first().click();
    await school.getByRole('option', { name: '學校資料' }).click();
    await school
      .getByLabel(/^加密級別/)
      .first()
      .click();
    await school.getByRole('option', { name: '機密' }).click();
    await school.locator('input[type="file"]').setInputFiles({
      name: ATTACHMENT.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(ATTACHMENT.content),
    });
    await expect(school.getByTestId('attachments-table')).toContainText(ATTACHMENT.name);
    await school.getByRole('button', { name: '儲存訊息' }).click();
    await expect(school).toHaveURL(/\/outgoing\/[0-9a-f-]{36}$/);
    messageId = school.url().split('/').pop() ?? '';

    // (4) STAFF: no 處理訊息 in the menu, and the node refuses the seal itself.
    await school.getByTestId('main-menu').getByText('寄發訊息', { exact: true }).click();
    await expect(school.getByTestId('main-menu').getByText('編修訊息', { exact: true })).toBeVisible();
    await expect(school.getByTestId('main-menu').getByText('處理訊息', { exact: true })).toHaveCount(0);
    const refused = await school.request.post(`${url}/api/messages/outgoing/seal`, {
      headers: { origin: url },
      data: { ids: [messageId], schoolKey: demoSchoolKey(SCHOOL) },
    });
    expect(refused.status()).toBe(403);
    expect(await outgoingStatus()).toBe('READY');
    await logOut(school);

    await logIn(school, SCHOOL, 'head');
    await school.goto(`${url}/outgoing/process`);
    await school.getByRole('checkbox', { name: `選擇訊息「${DESCRIPTION}」` }).check();
    await school.getByRole('button', { name: '加密', exact: true }).click();
    const seal = school.getByRole('dialog');
    await seal.getByLabel('學校密碼匙').fill(demoSchoolKey(SCHOOL));
    await seal.getByRole('button', { name: '加密' }).click();
    await expect(seal.getByRole('status')).toHaveText('已加密 1 / 1 項訊息。', { timeout: 30_000 });
    await school.keyboard.press('Escape');

    await transmitUntilReceived();
    await school.goto(`${url}/outgoing`);
    const row = school.getByTestId('outgoing-table').locator(`[data-id="${messageId}"]`);
    await expect(row.locator('[data-status]')).toHaveText('已接收');
    await expect(row).toContainText('機密');
  });

  test('(2) 再傳送: resent, attempts shown, and EDB still holds exactly one copy', async () => {
    test.setTimeout(60_000);
    const url = world.url(SCHOOL);
    await school.goto(`${url}/outgoing`);
    await school.getByRole('checkbox', { name: `選擇訊息「${DESCRIPTION}」` }).check();
    await school.getByRole('button', { name: '再傳送' }).click();
    await expect(school.getByText('1 項訊息已排隊再傳送，將於下次傳送時送出。')).toBeVisible();
    await axe(school, 'outgoing list after resend');
    await transmitUntilReceived();

    await school.goto(`${url}/outgoing/${messageId}`);
    const attempts = school.getByText('傳送次數', { exact: true }).locator('xpath=..');
    await expect(attempts).toContainText(/傳送次數\s*[2-9]/);
    await axe(school, 'outgoing message attempts');
    await school.screenshot({ path: '/work/tmp/shots/exercise-resend-attempts.zh.png', fullPage: true });

    // EDB's 接收訊息, in its own context: one row for the message, not two.
    await logIn(edb, 'EDB', 'head');
    await edb.goto(`${world.url('EDB')}/incoming`);
    const copies = edb.getByTestId('incoming-table').getByRole('row').filter({ hasText: DESCRIPTION });
    await expect(copies).toHaveCount(1);
    await expect(copies).toContainText('已加密');
    await expect(copies).toContainText('機密');
    await axe(edb, 'EDB incoming list with a confidential message');
  });

  test('(4) at EDB the head opens the CONFIDENTIAL attachment; STAFF is told why and refused', async () => {
    test.setTimeout(60_000);
    const url = world.url('EDB');
    await edb.getByRole('link', { name: DESCRIPTION }).click();
    await expect(edb.getByRole('heading', { name: DESCRIPTION })).toBeVisible();
    await edb
      .getByRole('region', { name: '訊息操作' })
      .getByRole('button', { name: '解密', exact: true })
      .click();
    const dialog = edb.getByRole('dialog', { name: '解密訊息' });
    await dialog.getByLabel('學校密碼匙').fill(demoSchoolKey('EDB'));
    await dialog.getByRole('button', { name: '解密', exact: true }).click();
    await expect(dialog.getByTestId('decrypt-results')).toContainText('已解密', { timeout: 30_000 });
    await dialog.getByRole('button', { name: '確定' }).click();
    await expect(edb.getByTestId('attachments-table')).toContainText(ATTACHMENT.name);
    const [download] = await Promise.all([
      edb.waitForEvent('download'),
      edb.getByRole('link', { name: `下載 ${ATTACHMENT.name}` }).click(),
    ]);
    expect(await readFile((await download.path()) ?? '', 'utf8')).toBe(ATTACHMENT.content);
    const attachmentPath =
      (await edb.getByRole('link', { name: `下載 ${ATTACHMENT.name}` }).getAttribute('href')) ?? '-';
    const messageUrl = edb.url();
    await logOut(edb);

    await logIn(edb, 'EDB', 'staff');
    await edb.goto(messageUrl);
    await expect(edb.getByRole('heading', { name: DESCRIPTION })).toBeVisible();
    await expect(edb.getByText(/此訊息屬「機密」級別/)).toBeVisible();
    await expect(edb.getByTestId('attachments-table')).toHaveCount(0);
    await axe(edb, 'incoming confidential for staff');
    await edb.screenshot({ path: '/work/tmp/shots/exercise-confidential-staff.zh.png', fullPage: true });
    const denied = await edb.request.get(`${url}${attachmentPath}`);
    expect(denied.status()).toBe(403);
  });

  /** The id of an incoming row in the school's 接收訊息 list, from its link. */
  async function incomingId(description: string | RegExp): Promise<string> {
    const href = await school
      .getByTestId('incoming-table')
      .getByRole('link', { name: description })
      .getAttribute('href');
    return href?.split('/').pop() ?? '';
  }

  const incomingRow = (description: string | RegExp) =>
    school.getByTestId('incoming-table').getByRole('row').filter({ hasText: description });

  async function findFile(dir: string, name: string): Promise<string | null> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = await findFile(path, name);
        if (found) return found;
      } else if (entry.name === name) return path;
    }
    return null;
  }

  test('(3) a tampered payload on the school’s disk → 解密失敗; the other messages are unaffected', async () => {
    test.setTimeout(60_000);
    const url = world.url(SCHOOL);
    // The agencies' seeded messages came down with the school's cycles above.
    await school.goto(`${url}/incoming`);
    await expect(incomingRow(TSA)).toContainText('已加密');
    await expect(incomingRow(CIRCULAR)).toContainText('已加密');

    const id = await incomingId(TSA);
    const details = (await (await school.request.get(`${url}/api/messages/incoming/${id}`)).json()) as {
      payload: { sha256: string } | null;
    };
    expect(details.payload).not.toBeNull();
    const blob = await findFile(join(world.dataDir, SCHOOL), details.payload?.sha256 ?? '-');
    expect(blob).not.toBeNull();
    const bytes = await readFile(blob!);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < Math.min(bytes.length, middle + 16); i++) bytes[i] = bytes[i]! ^ 0xff;
    await chmod(blob!, 0o600);
    await writeFile(blob!, bytes);

    await school.getByRole('checkbox', { name: `選擇訊息：${TSA}` }).check();
    await school.getByRole('button', { name: '解密', exact: true }).click();
    const dialog = school.getByRole('dialog', { name: '解密訊息' });
    await dialog.getByLabel('學校密碼匙').fill(demoSchoolKey(SCHOOL));
    await dialog.getByRole('button', { name: '解密', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText('已解密 0 項，1 項未能解密。', { timeout: 30_000 });
    await axe(school, 'decrypt failure');
    await school.screenshot({ path: '/work/tmp/shots/exercise-decrypt-fail.zh.png' });
    await dialog.getByRole('button', { name: '確定' }).click();
    await expect(incomingRow(TSA).locator('[data-status]')).toHaveText('解密失敗');
    await expect(incomingRow(CIRCULAR).locator('[data-status]')).toHaveText('已加密');
    await axe(school, 'incoming list with 解密失敗');
  });

  test('(5) after 更改學校密碼匙, the circular received before it opens with the new School Key', async () => {
    test.setTimeout(60_000);
    const url = world.url(SCHOOL);
    await school.goto(`${url}/key/change`);
    await school.getByLabel('現有學校密碼匙').fill(demoSchoolKey(SCHOOL));
    await school.getByLabel(/^新學校密碼匙/).fill(NEW_KEY);
    await school.getByLabel('確認新學校密碼匙').fill(NEW_KEY);
    await school.getByRole('button', { name: '更改學校密碼匙' }).click();
    await expect(school.getByRole('status').filter({ hasText: '已更改學校密碼匙' })).toBeVisible({
      timeout: 30_000,
    });

    await school.goto(`${url}/incoming`);
    await school.getByRole('link', { name: CIRCULAR }).click();
    await expect(school.getByRole('heading', { name: CIRCULAR })).toBeVisible();
    const actions = school.getByRole('region', { name: '訊息操作' });
    const dialog = school.getByRole('dialog', { name: '解密訊息' });
    // The old School Key no longer unlocks the keyring: refused, nothing changes.
    await actions.getByRole('button', { name: '解密', exact: true }).click();
    await dialog.getByLabel('學校密碼匙').fill(demoSchoolKey(SCHOOL));
    await dialog.getByRole('button', { name: '解密', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('學校密碼匙不正確。');
    await dialog.getByLabel('學校密碼匙').fill(NEW_KEY);
    await dialog.getByRole('button', { name: '解密', exact: true }).click();
    await expect(dialog.getByTestId('decrypt-results')).toContainText('已解密', { timeout: 30_000 });
    await dialog.getByRole('button', { name: '確定' }).click();
    await expect(school.getByTestId('message-fields').locator('[data-status]')).toHaveAttribute(
      'data-status',
      'DECRYPTED',
    );
    await expect(school.getByTestId('attachments-table')).toContainText('EDBC-2026-07.txt');
  });
});
