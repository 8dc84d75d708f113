import { expect, test } from '@playwright/test';
import { logIn, logOut, menuEntries, nodeUrl } from './support/pages.js';

test('an administrator adds a user, who logs in with the temporary password and must change it', async ({
  page,
}) => {
  await logIn(page, 'sysadmin');
  await page.getByTestId('main-menu').getByText('用戶管理').click();
  await expect(page.getByRole('heading', { name: '用戶管理' })).toBeVisible();
  await page.getByRole('button', { name: '新增用戶' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用戶名稱').fill('clerk');
  await dialog.getByLabel('姓名').fill('李文書');
  await dialog.getByLabel('教職員').check();
  await dialog.getByLabel('臨時密碼').fill('Temporary-2026');
  await dialog.getByRole('button', { name: '新增用戶' }).click();
  const row = page.getByTestId('users-table').locator('tr[data-username="clerk"]');
  await expect(row).toContainText('李文書');
  await expect(row).toContainText('須更改密碼');
  await logOut(page);

  await logIn(page, 'clerk', 'Temporary-2026');
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText('你的密碼由管理員設定')).toBeVisible();
  await page.getByLabel('現有密碼').fill('Temporary-2026');
  await page.getByLabel(/^新密碼/).fill('Records-Office-77');
  await page.getByLabel('確認新密碼').fill('Records-Office-77');
  await page.getByRole('button', { name: '更改密碼' }).click();
  await expect(page.getByRole('heading', { name: '歡迎，李文書' })).toBeVisible();
  expect(await menuEntries(page)).toEqual(['主頁', '寄發訊息', '接收訊息', '學生資料', '說明']);
});

test('a user without a right does not see its menu item, and the API answers 403 in their language', async ({
  page,
}) => {
  await logIn(page, 'staff');
  await expect(page.getByRole('heading', { name: '歡迎，張老師' })).toBeVisible();
  expect(await menuEntries(page)).not.toContain('用戶管理');
  const response = await page.request.get(`${nodeUrl()}/api/users`, {
    headers: { 'accept-language': 'zh-HK' },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({
    error: { code: 'auth.forbidden', message: '你沒有執行此功能的權限（需要 admin.users）。' },
  });
  await page.goto(`${nodeUrl()}/users`);
  await expect(page.getByRole('heading', { name: '沒有權限' })).toBeVisible();
  await expect(page.getByTestId('users-table')).toHaveCount(0);
});

test('a request from another origin is refused even with the session cookie', async ({ page }) => {
  await logIn(page, 'sysadmin');
  await expect(page.getByRole('heading', { name: '歡迎，李系統' })).toBeVisible();
  const forged = await page.request.post(`${nodeUrl()}/api/users`, {
    headers: { origin: 'http://evil.example' },
    data: { username: 'mallory', groups: ['CDS_ADMIN'], password: 'Mallory-Pass-2026' },
  });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('auth.origin_mismatch');
});
