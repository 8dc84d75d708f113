import { expect, test } from '@playwright/test';
import { E2E_PASSWORD } from './support/fixture-node.js';
import { logIn, logOut, menuEntries, nodeUrl } from './support/pages.js';

test('a school head logs in (zh-HK by default) and sees the menu of the training slides for that group', async ({
  page,
}) => {
  await page.goto(nodeUrl());
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: '登入聯遞系統' })).toBeVisible();
  await expect(page.getByTestId('login-party')).toHaveText('學校編號 123456');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');

  await logIn(page, 'head');
  await expect(page.getByRole('heading', { name: '歡迎，黃校長' })).toBeVisible();
  await expect(page.getByTestId('user-groups')).toHaveText('校長');
  expect(await menuEntries(page)).toEqual([
    '主頁',
    '寄發訊息',
    '接收訊息',
    '傳送',
    '匯出/匯入訊息',
    '已庫存訊息',
    '聯遞系統報告',
    '聯遞系統紀錄',
    '學校密碼匙管理',
    '傳送網上校管系統版本',
    '系統註冊',
    '學生資料',
    '說明',
  ]);

  await page.getByTestId('main-menu').getByText('寄發訊息', { exact: true }).click();
  await page.getByTestId('main-menu').getByText('編修訊息').click();
  const table = page.getByTestId('outgoing-table');
  await expect(table.getByText('表格 A – 學生離校 Form A')).toBeVisible();
  await expect(table.locator('[data-status="READY"]').first()).toHaveText('可輸出');
  await expect(table.getByRole('cell', { name: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).first()).toBeVisible();
});

test('the language switch turns everything to English, follows the user, and errors follow it', async ({
  page,
}) => {
  await logIn(page, 'linguist');
  await expect(page.getByRole('heading', { name: '歡迎，林老師' })).toBeVisible();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, 林老師' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByTestId('main-menu').getByText('Outgoing messages')).toBeVisible();

  await logOut(page);
  await expect(page.getByText('You have logged out.')).toBeVisible();
  await logIn(page, 'linguist', 'not-the-password-1');
  await expect(page.getByRole('alert')).toContainText(
    'The user name or password is not correct. Please try again.',
  );
  await page.getByText('中文', { exact: true }).click();
  await logIn(page, 'linguist', 'not-the-password-1');
  await expect(page.getByRole('alert')).toContainText('用戶名稱或密碼不正確，請再試。');
  // The choice was saved with the user: logging in on a Chinese page brings English back.
  await logIn(page, 'linguist');
  await expect(page.getByRole('heading', { name: 'Welcome, 林老師' })).toBeVisible();
});

test('logout ends the session on the node, not only in the page', async ({ page }) => {
  await logIn(page, 'cdsadmin');
  await expect(page.getByRole('heading', { name: '歡迎，陳大文' })).toBeVisible();
  expect((await page.request.get(`${nodeUrl()}/api/session`)).status()).toBe(200);
  await logOut(page);
  await expect(page.getByText('你已登出。')).toBeVisible();
  expect((await page.request.get(`${nodeUrl()}/api/session`)).status()).toBe(401);
  await page.goto(`${nodeUrl()}/outgoing`);
  await expect(page).toHaveURL(/\/login\?redirect=/);
});

test('更改密碼: the old password stops working, the new one works', async ({ page }) => {
  await logIn(page, 'changer');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '更改密碼' }).click();
  await page.getByLabel('現有密碼').fill('wrong-current-1');
  await page.getByLabel(/^新密碼/).fill('Changed-Pass-2026');
  await page.getByLabel('確認新密碼').fill('Changed-Pass-2026');
  await page.getByRole('button', { name: '更改密碼' }).click();
  await expect(page.getByRole('alert')).toContainText('現有密碼不正確。');
  await page.getByLabel('現有密碼').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '更改密碼' }).click();
  await expect(page.getByText('密碼已更改。', { exact: false })).toBeVisible();

  await logOut(page);
  await logIn(page, 'changer');
  await expect(page.getByRole('alert')).toContainText('用戶名稱或密碼不正確');
  await logIn(page, 'changer', 'Changed-Pass-2026');
  await expect(page.getByRole('heading', { name: '歡迎，何老師' })).toBeVisible();
});

test('the login page names the CDS help desk set in 說明 (help.contacts), not a number of its own', async ({
  page,
}) => {
  await page.goto(`${nodeUrl()}/login`);
  await expect(page.getByTestId('login-helpdesk')).toHaveText('如需協助，請致電聯遞系統求助台 3464 0550。');
  const setDesk = async (number: string) => {
    await page.goto(`${nodeUrl()}/help`);
    await page.getByLabel('聯遞系統（CDS）求助台').fill(number);
    await page.getByRole('button', { name: '儲存電話' }).click();
    await expect(page.getByTestId('help-desks')).toContainText(number);
  };
  await logIn(page, 'cdsadmin');
  await setDesk('2891 0088');
  await logOut(page);
  await expect(page.getByTestId('login-helpdesk')).toHaveText('如需協助，請致電聯遞系統求助台 2891 0088。');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByTestId('login-helpdesk')).toHaveText(
    'For help, call the CDS help desk on 2891 0088.',
  );
  await page.getByText('中文', { exact: true }).click();
  // Put back, so other specs on this node see the original's number.
  await logIn(page, 'cdsadmin');
  await setDesk('3464 0550');
  await logOut(page);
});
