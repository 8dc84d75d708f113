/**
 * 通知 at login (SPEC §6), 維護通知, 說明 and 聯遞系統報告 in the browser, against the shared fixture
 * node (school 123456, not registered, READY messages waiting): what holds is listed at login,
 * 不再顯示 sticks across logins while the non-dismissible notice stays, a maintenance notice reaches
 * its group, help is searchable and linkable, and reports download as real PDF and XLSX files.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { logIn, logOut, nodeUrl } from './support/pages.js';

async function axe(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    violations.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** axe and a screenshot in Chinese, then in English, then back to Chinese. */
async function check(page: Page, name: string, ready: (lang: 'zh' | 'en') => Promise<void>): Promise<void> {
  await ready('zh');
  await axe(page, `${name} zh-HK`);
  await page.screenshot({ path: `/work/tmp/shots/${name}.zh.png`, fullPage: true });
  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await ready('en');
  await axe(page, `${name} en`);
  await page.screenshot({ path: `/work/tmp/shots/${name}.en.png`, fullPage: true });
  await page.getByText('中文', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
}

const panel = (page: Page) => page.getByTestId('login-notices');

test('the head sees what holds at login; 不再顯示 sticks, the non-dismissible notice stays', async ({
  page,
}) => {
  await logIn(page, 'head');
  await expect(page).toHaveURL(/\/notices$/);
  await expect(panel(page).getByTestId('notice-not_registered')).toContainText('聯遞系統尚未註冊');
  const ready = panel(page).getByTestId('notice-ready');
  await expect(ready).toContainText('有可輸出訊息');
  await expect(ready).toContainText(/有 \d+ 個寄發訊息/);
  // Key expired, not registered and send failures cannot be dismissed (SPEC §6).
  await expect(panel(page).getByTestId('notice-not_registered').getByRole('checkbox')).toHaveCount(0);
  // Header alert icons for the rights the head holds, with the count.
  await expect(page.getByTestId('alert-ready')).toBeVisible();
  await check(page, 'notices-login', async (lang) =>
    expect(
      panel(page).getByRole('heading', { name: lang === 'zh' ? '通知' : 'Notifications' }),
    ).toBeVisible(),
  );

  await ready.getByRole('checkbox', { name: '不再顯示' }).check();
  await panel(page).getByRole('button', { name: '確定' }).click();
  await expect(page).toHaveURL(new RegExp(`${nodeUrl()}/$`));
  await expect(panel(page)).toHaveCount(0);

  await logOut(page);
  await logIn(page, 'head');
  await expect(panel(page).getByTestId('notice-not_registered')).toBeVisible();
  await expect(panel(page).getByTestId('notice-ready')).toHaveCount(0);
  // Dismissing hides the login notice, not the header icon, which leads to 處理訊息.
  await page.getByTestId('alert-ready').click();
  await expect(page).toHaveURL(/\/outgoing\/process$/);
  await logOut(page);
});

test('staff see no alerts they have no right to, and no notices by default', async ({ page }) => {
  await logIn(page, 'staff');
  await expect(page.getByRole('heading', { name: '歡迎，張老師' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${nodeUrl()}/$`));
  await expect(page.getByTestId('alert-ready')).toHaveCount(0);
  await logOut(page);
});

test('a 維護通知 written by the CDS administrator reaches staff at login', async ({ page }) => {
  const title = '系統維護：本星期六 09:00 至 12:00 暫停服務';
  await logIn(page, 'cdsadmin');
  await page.goto(`${nodeUrl()}/settings/notifications`);
  await expect(page.getByTestId('notice-kinds')).toBeVisible();
  await page.getByRole('button', { name: '新增維護通知' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^標題/).fill(title);
  await dialog.getByLabel('內容').fill('期間請勿進行傳送。如有查詢，請致電 3464 0550。');
  await dialog.getByLabel('網上校管系統管理員').uncheck();
  await dialog.getByLabel('校長').uncheck();
  await dialog.getByLabel('教職員').check();
  // The period shows and is typed dd/MM/yyyy HH:mm in Hong Kong time, whatever the browser's locale.
  await expect(dialog.getByLabel(/^開始時間/)).toHaveValue(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  const until = `${new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/')} 18:30`;
  await typeDate(dialog.getByLabel(/^結束時間/), until);
  await page.screenshot({ path: '/work/tmp/shots/date-field-time.zh.png' });
  await dialog.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByTestId('maintenance-notices')).toContainText(title);
  await expect(page.getByTestId('maintenance-notices')).toContainText(until);
  await expect(page.getByTestId('maintenance-notices')).toContainText('顯示中');
  await check(page, 'notices-maintenance', async (lang) =>
    expect(
      page.getByRole('heading', { name: lang === 'zh' ? '維護通知' : 'Maintain notifications', level: 1 }),
    ).toBeVisible(),
  );
  await logOut(page);

  await logIn(page, 'staff');
  await expect(panel(page).getByTestId('notice-maintenance')).toContainText(title);
  await panel(page).getByRole('button', { name: '確定' }).click();
  await logOut(page);

  // Cleaned up, so other specs logging in as staff land on the home page.
  await logIn(page, 'cdsadmin');
  await page.goto(`${nodeUrl()}/settings/notifications`);
  await page.getByRole('button', { name: '刪除' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: '刪除' }).click();
  await expect(page.getByText('未有維護通知。')).toBeVisible();
  await logOut(page);
});

test('說明: searchable, with a link to each section', async ({ page }) => {
  await logIn(page, 'staff');
  await page.getByTestId('main-menu').getByText('說明').click();
  await expect(page.getByRole('heading', { name: '練習四：匯出「輸送失敗」的訊息' })).toBeVisible();
  await expect(page.getByTestId('help-statuses-outgoing')).toContainText('輸送失敗');
  await expect(page.getByTestId('help-desks')).toContainText('3464 0550');
  await check(page, 'help', async (lang) =>
    expect(page.getByRole('heading', { name: lang === 'zh' ? '疑難排解' : 'Troubleshooting' })).toBeVisible(),
  );
  await page.getByLabel('搜尋說明').fill('延伸網址');
  const sections = page.getByTestId('help-section');
  await expect(sections.first()).toBeVisible();
  for (const text of await sections.allInnerTexts()) expect(text).toContain('延伸網址');
  await page.getByLabel('搜尋說明').fill('沒有這個字詞');
  await expect(page.getByText('找不到與「沒有這個字詞」相關的說明。')).toBeVisible();
  // A section's own address opens the page scrolled to it.
  await page.goto(`${nodeUrl()}/`);
  await page.goto(`${nodeUrl()}/help#help-ex3`);
  await expect(page.locator('#help-ex3')).toBeInViewport();
  await page.screenshot({ path: '/work/tmp/shots/help-ex3.zh.png' });
  await logOut(page);
});

/** Types a date the way a clerk does, then leaves the field (its calendar closes). */
async function typeDate(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Tab');
}

/**
 * The shared date field (components/DateField.tsx) shows dd/MM/yyyy whatever the browser's locale,
 * in both languages; its calendar opens with the Hong Kong week (Sunday first); a day that does not
 * exist is refused with the reason.
 */
async function checkDateField(page: Page): Promise<void> {
  const today = new Date(Date.now() + 8 * 3_600_000)
    .toISOString()
    .slice(0, 10)
    .split('-')
    .reverse()
    .join('/');
  for (const [lang, label, sunday, name] of [
    ['zh', /^結束日期/, '日', 'date-field.zh'],
    ['en', /^To(\s*\*)?$/, 'Su', 'date-field.en'],
  ] as const) {
    if (lang === 'en') await page.getByText('English', { exact: true }).click();
    const field = page.getByLabel(label);
    await expect(field).toHaveValue(today);
    await page.screenshot({ path: `/work/tmp/shots/${name}.png` });
    await field.click();
    const calendar = page.locator('[data-dates-dropdown]');
    await expect(calendar).toBeVisible();
    await expect(calendar.locator('thead th').first()).toHaveText(sunday);
    await expect(calendar.locator('[data-selected]')).toHaveCount(1);
    await axe(page, `date field open ${lang}`);
    await page.screenshot({ path: `/work/tmp/shots/${name}.open.png` });
    await field.press('Tab');
    await expect(calendar).toBeHidden();
  }
  await page.getByText('中文', { exact: true }).click();
  await typeDate(page.getByLabel(/^開始日期/), '31/02/2026');
  await expect(
    page.getByText('「31/02/2026」不是有效的日期。請以 日/月/年 輸入，例如 31/12/2026。'),
  ).toBeVisible();
  await page.screenshot({ path: '/work/tmp/shots/date-field.zh.invalid.png' });
  await typeDate(page.getByLabel(/^開始日期/), '2026-01-01');
  await expect(page.getByLabel(/^開始日期/)).toHaveValue('01/01/2026');
}

test('聯遞系統報告: a PDF with the Chinese title, an XLSX, and a preview', async ({ page }) => {
  await logIn(page, 'head');
  await page.goto(`${nodeUrl()}/reports`);
  await checkDateField(page);
  await page.getByTestId('report-select').click();
  await page.getByRole('option', { name: /每日製作的寄發訊息清單/ }).click();
  const pdf = page.waitForEvent('download');
  await page.getByRole('button', { name: '下載' }).click();
  const pdfPath = await (await pdf).path();
  expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('每日製作的寄發訊息清單');
  expect(text).toContain('表格 A – 學生離校 Form A');

  await page.getByText('Excel 試算表（XLSX）').click();
  await expect(page.getByRole('button', { name: '預覽' })).toBeDisabled();
  const xlsx = page.waitForEvent('download');
  await page.getByRole('button', { name: '下載' }).click();
  const download = await xlsx;
  expect(download.suggestedFilename()).toMatch(/^daily-outgoing_\d{8}-\d{8}_zh-HK\.xlsx$/);
  expect((await readFile(await download.path())).subarray(0, 2).toString()).toBe('PK');

  // Bad criteria are refused with the node's message, in the user's language.
  await page.getByText('PDF 文件（A4）').click();
  await typeDate(page.getByLabel(/^開始日期/), '02/01/2030');
  await typeDate(page.getByLabel(/^結束日期/), '01/01/2030');
  await page.getByRole('button', { name: '下載' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '開始日期不可後於結束日期。' })).toBeVisible();
  await typeDate(page.getByLabel(/^開始日期/), '01/01/2026');

  await page.getByRole('button', { name: '預覽' }).click();
  await expect(page.getByTestId('report-preview')).toBeVisible();
  await check(page, 'reports', async (lang) =>
    expect(page.getByRole('heading', { name: lang === 'zh' ? '聯遞系統報告' : 'CDS reports' })).toBeVisible(),
  );
  await logOut(page);
});
