import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD } from './support/fixture-node.js';
import { WORLD_SCHOOL_KEY, createIncomingWorld, type IncomingWorld } from './support/incoming-world.js';

/**
 * 匯入訊息 through the UI ending with a new 接收訊息 (issue 8), then the incoming screens (issue 7):
 * a real hub export-for bundle of an EDB circular is imported by the school head, appears unread in
 * 接收訊息, is opened, decrypted with the School Key (a wrong one first: refused, nothing changes),
 * its attachment downloaded and compared, and archived into 已庫存接收訊息. A file that is not a
 * bundle is refused with its reason first. Axe and screenshots in both languages on every screen.
 */
test.describe.configure({ mode: 'serial' });

let world: IncomingWorld;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  world = await createIncomingWorld();
});
test.afterAll(async () => world?.close());

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${world.url}/login`);
  await page.getByRole('textbox', { name: /用戶名稱|User name/ }).fill(username);
  await page.getByLabel(/^(密碼|Password)/).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: /^(登入|Log in)$/ }).click();
  await expect(page.getByTestId('main-menu')).toBeVisible();
}

async function axe(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(
    violations.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Each screen: axe and a screenshot in Chinese, then the same in English, then back to Chinese. */
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

test('匯入訊息: a refused file changes nothing; the hub’s bundle becomes a new unread 接收訊息', async ({
  page,
}) => {
  await logIn(page, 'head');
  await page.getByTestId('main-menu').getByText('匯出/匯入訊息', { exact: true }).click();
  await page.getByTestId('main-menu').getByText('匯入訊息', { exact: true }).click();
  await expect(page).toHaveURL(/\/import$/);
  await check(page, 'incoming-import', async (lang) =>
    expect(page.getByRole('heading', { name: lang === 'zh' ? '匯入訊息' : 'Import messages' })).toBeVisible(),
  );

  const junk = join(tmpdir(), `not-a-bundle-${Date.now()}.zip`);
  await writeFile(junk, 'this is not a zip file');
  await page.locator('input[type="file"]').setInputFiles(junk);
  await page.getByRole('button', { name: '匯入', exact: true }).click();
  const refused = page.getByTestId('import-refused');
  await expect(refused).toContainText('檔案未能匯入');
  await expect(refused).toContainText('系統沒有作出任何更改');
  // Why, in Chinese; the zip reader's own words apart, for the help desk.
  await expect(refused).toContainText('此檔案不是聯遞系統的匯出檔案（.zip）。請選擇由聯遞系統匯出的檔案。');
  await expect(refused).toContainText('技術資料：');
  await axe(page, 'import refused');
  await page.screenshot({ path: '/work/tmp/shots/incoming-import-refused.zh.png', fullPage: true });

  await page.locator('input[type="file"]').setInputFiles(world.bundle);
  await page.getByRole('button', { name: '匯入', exact: true }).click();
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('import-new')).toContainText('1');
  await expect(result).toContainText('1 張送達收據已準備好');
  await expect(result.getByRole('link', { name: world.description })).toBeVisible();
  await axe(page, 'import result');
  await page.screenshot({ path: '/work/tmp/shots/incoming-import-result.zh.png', fullPage: true });

  await page.getByRole('link', { name: '前往接收訊息' }).click();
  await expect(page).toHaveURL(/\/incoming$/);
  const row = page.getByTestId('incoming-table').getByRole('row').filter({ hasText: world.description });
  await expect(row).toHaveAttribute('data-unread', 'true');
  await expect(row).toContainText('未讀取');
  await expect(row).toContainText('已加密');
  await expect(page.getByTestId('unread-count')).toHaveText('未讀取訊息：1 項');
  await check(page, 'incoming-list', async (lang) =>
    expect(
      page.getByRole('heading', { name: lang === 'zh' ? '接收訊息' : 'Incoming messages' }),
    ).toBeVisible(),
  );
});

test('open, decrypt with the School Key (a wrong one changes nothing), download, archive', async ({
  page,
}) => {
  await logIn(page, 'head');
  await page.getByTestId('main-menu').getByText('接收訊息', { exact: true }).click();
  await page.getByRole('link', { name: world.description }).click();
  await expect(page.getByRole('heading', { name: world.description })).toBeVisible();
  await expect(page.getByText('附件已加密')).toBeVisible();
  const actions = page.getByRole('region', { name: '訊息操作' });

  await actions.getByRole('button', { name: '解密', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '解密訊息' });
  await dialog.getByLabel('學校密碼匙').fill('Not-The-School-Key-2026');
  await dialog.getByRole('button', { name: '解密', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('學校密碼匙不正確。');
  await expect(dialog.getByRole('alert')).toContainText('所有訊息的狀況維持不變');
  await axe(page, 'decrypt wrong key');
  await page.screenshot({ path: '/work/tmp/shots/incoming-decrypt-wrong.zh.png' });
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('message-fields').locator('[data-status]')).toHaveAttribute(
    'data-status',
    'ENCRYPTED',
  );

  await actions.getByRole('button', { name: '解密', exact: true }).click();
  await dialog.getByLabel('學校密碼匙').fill(WORLD_SCHOOL_KEY);
  await dialog.getByRole('button', { name: '解密', exact: true }).click();
  await expect(dialog.getByTestId('decrypt-results')).toContainText('已解密');
  await page.screenshot({ path: '/work/tmp/shots/incoming-decrypt-result.zh.png' });
  await dialog.getByRole('button', { name: '確定' }).click();
  await expect(page.getByTestId('message-fields').locator('[data-status]')).toHaveAttribute(
    'data-status',
    'DECRYPTED',
  );

  const table = page.getByTestId('attachments-table');
  await expect(table).toContainText(world.attachment.name);
  await check(page, 'incoming-message', async () => expect(table).toBeVisible());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `下載 ${world.attachment.name}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(world.attachment.name);
  expect(await readFile((await download.path()) ?? '', 'utf8')).toBe(world.attachment.content);

  // 回覆: a READY draft to EDB, opened in the outgoing editor; then back to the message.
  await actions.getByRole('button', { name: '回覆', exact: true }).click();
  await expect(page.getByText('已建立回覆訊息')).toBeVisible();
  await expect(page).toHaveURL(/\/outgoing\/[0-9a-f-]{36}$/);
  await page.goBack();
  await expect(page.getByRole('heading', { name: world.description })).toBeVisible();

  await actions.getByRole('button', { name: '庫存', exact: true }).click();
  await expect(page.getByText('已庫存 1 項訊息')).toBeVisible();
  await page.getByTestId('main-menu').getByText('已庫存訊息', { exact: true }).click();
  await page.getByTestId('main-menu').getByText('已庫存接收訊息', { exact: true }).click();
  await expect(page).toHaveURL(/\/archive\/incoming$/);
  const archived = page.getByTestId('incoming-table').getByRole('row').filter({ hasText: world.description });
  await expect(archived).toContainText('已解密');
  await check(page, 'incoming-archive', async (lang) =>
    expect(
      page.getByRole('heading', { name: lang === 'zh' ? '已庫存接收訊息' : 'Archived incoming messages' }),
    ).toBeVisible(),
  );
  await page.getByTestId('main-menu').getByText('接收訊息', { exact: true }).click();
  await expect(page.getByText('沒有符合條件的接收訊息。')).toBeVisible();
});
