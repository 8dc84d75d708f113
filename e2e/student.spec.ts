/**
 * The training slides' example (Slide 20 ff.): a student leaves, the school prepares Form A
 * (學生資料 > 資料互換 > 預備 → 預覽 → 確定), seals it under 寄發訊息 > 處理訊息 with the School Key,
 * sends it with 即時傳送 until it is 已接收, and EDB's node shows the student's row. A whole demo
 * world (hub, schools, EDB cycling every 10 s) on shifted ports.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoSchoolKey, startDemoWorld, type World } from './support/world.js';

let world: World;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  world = await startDemoWorld(23_000);
});
test.afterAll(async () => {
  await world?.stop();
});

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByRole('textbox', { name: /用戶名稱|User name/ }).fill(username);
  await page.getByLabel(/^(密碼|Password)/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(登入|Log in)$/ }).click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

async function axe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/work/tmp/shots/${name}.png`, fullPage: true });
}

function menu(page: Page, ...labels: string[]) {
  return labels.reduce<Promise<void>>(
    (done, label) =>
      done.then(() =>
        // A collapsed parent's children are in the page but hidden; a parent and its only child may share a name.
        page
          .getByTestId('main-menu')
          .getByText(label, { exact: true })
          .filter({ visible: true })
          .last()
          .click(),
      ),
    Promise.resolve(),
  );
}

const HEADER = 'strn,name_en,name_zh,sex,date_of_birth,class_level,class_name,class_no,admission_date';
const GOOD = `${HEADER}\r\nA1234567,CHAN Tai Man,陳大文,M,2014-03-04,P6,6A,12,2020-09-01\r\nB7654321,LEE Siu Ling,李小玲,F,2015-06-05,P5,5B,3,2021-09-01\r\n`;
// 陳大文 saved from a Big5 spreadsheet: the bytes are not UTF-8.
const BIG5 = Buffer.concat([
  Buffer.from(`${HEADER}\r\nA1234567,CHAN Tai Man,`),
  Buffer.from([0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5]),
  Buffer.from(',M,2014-03-04,P6,6A,12,2020-09-01\r\n'),
]);

/** Five days ago in Hong Kong, typed dd/MM/yyyy as a clerk would. */
const leavingDay = new Date(Date.now() + 8 * 3_600_000 - 5 * 86_400_000)
  .toISOString()
  .slice(0, 10)
  .split('-')
  .reverse()
  .join('/');

test('a student leaves: 資料互換 Form A is prepared, sealed, sent until 已接收, and EDB sees the row', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const school = world.url('123456');
  await logIn(page, school, 'head');

  // 學生資料: a Big5 file is refused line by line, then the UTF-8 file is imported.
  await menu(page, '學生資料', '學生資料');
  await expect(page.getByRole('heading', { name: '學生資料' })).toBeVisible();
  await page.getByRole('button', { name: '匯入 CSV' }).click();
  const file = page.locator('input[type="file"]');
  await file.setInputFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: BIG5 });
  await page.getByRole('dialog').getByRole('button', { name: '匯入', exact: true }).click();
  const problems = page.getByTestId('problem-table');
  await expect(
    problems.getByRole('row', { name: /2 此行不是 UTF-8 編碼（似乎是 Big5 編碼）/ }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('沒有匯入任何學生資料');
  await axe(page);
  await shot(page, 'student-import-errors-zh');
  await file.setInputFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
  await page.getByRole('dialog').getByRole('button', { name: '匯入', exact: true }).click();
  await expect(page.getByText('已匯入 2 名學生。')).toBeVisible();
  const row = page.getByTestId('students-table').locator('[data-strn="A1234567"]');
  await expect(row).toContainText('陳大文');

  // 設定學生的在學狀況為「離校」.
  await row.getByRole('button', { name: '操作 A1234567' }).click();
  await page.getByRole('menuitem', { name: '設定離校' }).click();
  const leave = page.getByRole('dialog');
  await leave.getByLabel('離校日期').fill(leavingDay);
  await leave.getByLabel('離校日期').press('Tab'); // leaves the field: its calendar closes
  await leave.getByLabel('離校原因').selectOption('EMIGRATION');
  await axe(page);
  await leave.getByRole('button', { name: '設定離校' }).click();
  await expect(row.locator('[data-status="LEFT"]')).toHaveText('離校');
  await expect(row.locator('[data-report]')).toHaveText('未呈報');
  await axe(page);
  await shot(page, 'student-register-zh');

  // 學生資料 > 資料互換: 預備 → 預覽 (table and validation report) → 確定.
  await menu(page, '資料互換');
  await page.getByRole('button', { name: '預備' }).click();
  await expect(page.getByRole('heading', { name: '預覽 [表格 A - 學生離校]' })).toBeVisible();
  await expect(page.getByTestId('form-a-table').locator('[data-strn="A1234567"]')).toContainText('移居海外');
  await expect(page.getByTestId('form-a-report')).toContainText('全部 1 名學生的資料已通過檢查');
  await axe(page);
  await shot(page, 'student-exchange-preview-zh');
  await page.getByRole('button', { name: '確定', exact: true }).click();
  await expect(page.getByTestId('form-a-confirmed')).toBeVisible();
  await shot(page, 'student-exchange-confirmed-zh');
  const description = '表格 A – 學生離校 Form A – student leaving (1)';

  // 寄發訊息 > 處理訊息: 加密 with the School Key.
  await menu(page, '寄發訊息', '處理訊息');
  await page.getByRole('checkbox', { name: `選擇訊息「${description}」` }).check();
  await page.getByRole('button', { name: '加密', exact: true }).click();
  const seal = page.getByRole('dialog');
  await seal.getByLabel('學校密碼匙').fill(demoSchoolKey('123456'));
  await seal.getByRole('button', { name: '加密' }).click();
  await expect(seal.getByTestId('seal-outcomes')).toBeVisible({ timeout: 30_000 });
  await expect(seal.getByLabel('成功')).toBeVisible();
  await page.keyboard.press('Escape');

  // 傳送 > 即時傳送 until the message is 已接收 (EDB's node downloads it within its 10 s cycle).
  await menu(page, '傳送', '即時傳送');
  const outgoing = async () => {
    await page.goto(`${school}/outgoing`);
    return page
      .getByTestId('outgoing-table')
      .getByRole('row', { name: new RegExp(description.replace(/[()]/g, '\\$&')) });
  };
  const deadline = Date.now() + 90_000;
  let status = '';
  while (Date.now() < deadline) {
    await page.goto(`${school}/transmission`);
    await page.getByRole('button', { name: '開始傳送' }).click();
    await expect(page.getByTestId('transmission-run')).toHaveAttribute(
      'data-state',
      /completed|failed|stopped/,
      {
        timeout: 60_000,
      },
    );
    status = (await (await outgoing()).locator('[data-status]').first().getAttribute('data-status')) ?? '';
    if (status === 'RECEIVED') break;
    await page.waitForTimeout(5_000);
  }
  expect(status).toBe('RECEIVED');
  await expect((await outgoing()).locator('[data-status]').first()).toHaveText('已接收');

  // The student is now reported; the next 預備 does not list them again.
  await page.goto(`${school}/student`);
  await expect(row.locator('[data-report]')).toHaveText('已呈報');
  await page.goto(`${school}/student/exchange`);
  await page.getByRole('button', { name: '預備' }).click();
  await expect(page.getByTestId('form-a-table')).toContainText('沒有需要呈報的離校學生');
  await expect(page.getByRole('button', { name: '確定', exact: true })).toBeDisabled();

  // English screens, for the look.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('button', { name: 'Prepare' }).click();
  await shot(page, 'student-exchange-empty-en');
  await page.goto(`${school}/student`);
  await expect(page.getByRole('heading', { name: 'Student register' })).toBeVisible();
  await axe(page);
  await shot(page, 'student-register-en');
  await page.getByText('中文', { exact: true }).click();

  // EDB: 收到的表格 A → 解密 with EDB's key → the student's row.
  const edb = world.url('EDB');
  await logIn(page, edb, 'head');
  await menu(page, '學生資料', '收到的表格 A');
  const received = page.getByTestId('received-list').locator('[data-from="123456"]');
  await expect(received).toBeVisible();
  await received.getByRole('button', { name: '解密' }).click();
  await page.getByRole('dialog').getByLabel('學校密碼匙').fill(demoSchoolKey('EDB'));
  await axe(page);
  await page.getByRole('dialog').getByRole('button', { name: '解密' }).click();
  const table = page.getByTestId('received-form-a-table');
  await expect(table.locator('[data-strn="A1234567"]')).toContainText('陳大文');
  await expect(table.locator('[data-strn="A1234567"]')).toContainText('移居海外');
  await expect(received.locator('[data-status]')).toHaveText('已匯入');
  await axe(page);
  await shot(page, 'student-received-zh');
});
