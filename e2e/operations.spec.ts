import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_SCHOOL_KEY } from './support/fixture-node.js';
import { startOperationsWorld, type OperationsWorld } from './support/operations-world.js';
import { logIn as logInPage, logOut, nodeUrl } from './support/pages.js';

/**
 * The operations screens (傳送, 聯遞系統紀錄, 學校密碼匙管理, 系統註冊, 傳送網上校管系統版本, 設定): on the
 * shared fixture node (hub unreachable at 127.0.0.1:9) and on a small world of its own with a live
 * hub, where the school is pointed at the hub in 設定, registered in 系統註冊 and 即時傳送 really sends.
 */

/** Logs in and waits for the home page, so the session cookie is set before the next navigation. */
async function logIn(page: Page, username: string): Promise<void> {
  await logInPage(page, username);
  await expect(page.getByRole('heading', { name: /歡迎|Welcome/ })).toBeVisible();
}

/** axe in both languages, a screenshot of each, and back to Chinese (the choice follows the user). */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const [lang, label, next] of [
    ['zh', 'English', 'en'],
    ['en', '中文', 'zh-HK'],
  ] as const) {
    await page.waitForLoadState('networkidle');
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `/work/tmp/shots/operations-${name}.${lang}.png`, fullPage: true });
    await page.getByText(label, { exact: true }).click();
    await expect(page.locator(`html[lang="${next}"]`)).toHaveCount(1);
  }
}

test.describe('on the fixture node (hub unreachable)', () => {
  test('設定: 測試連線 shows each step, TCP ✗ with the reason', async ({ page }) => {
    await logIn(page, 'sysadmin');
    await page.goto(`${nodeUrl()}/settings`);
    await expect(page.getByRole('heading', { name: '聯遞系統設定' })).toBeVisible();
    await expect(page.getByLabel('主要網址')).toHaveValue('http://127.0.0.1:9');
    await page.getByRole('button', { name: '測試連線' }).click();
    const check = page.getByTestId('connection-check');
    await expect(check).toHaveAttribute('data-ok', 'false');
    await expect(check.locator('[data-step="dns"]')).toHaveAttribute('data-state', 'ok');
    const tcp = check.locator('[data-step="tcp"]');
    await expect(tcp).toHaveAttribute('data-state', 'failed');
    await expect(tcp).toContainText('無法與 127.0.0.1 的連接埠 9 建立連線。中央伺服器可能沒有運作');
    // The OS's own word is kept for the help desk, on a line of its own.
    await expect(tcp).toContainText('技術資料：ECONNREFUSED');
    await expect(tcp.getByRole('img', { name: '失敗' })).toBeVisible();
    await expect(check.locator('[data-step="http"]')).toContainText('因前一步失敗而未有測試');
    await checkScreen(page, 'settings');
  });

  test('設定時間輸送: times and weekdays are saved, shown after a reload with the next run', async ({
    page,
  }) => {
    await logIn(page, 'head');
    await page.goto(`${nodeUrl()}/transmission/schedule`);
    await expect(page.getByRole('heading', { name: '設定時間輸送' })).toBeVisible();
    await page.getByLabel('每天指定時間').check();
    await page.getByLabel('傳送時間 1', { exact: true }).fill('08:15');
    await page.getByRole('button', { name: '新增時間' }).click();
    await page.getByLabel('傳送時間 2', { exact: true }).fill('16:30');
    await page.getByLabel('星期六').check();
    await page.getByRole('button', { name: '儲存' }).click();
    await expect(page.getByText('已儲存設定時間輸送。')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('傳送時間 1', { exact: true })).toHaveValue('08:15');
    await expect(page.getByLabel('傳送時間 2', { exact: true })).toHaveValue('16:30');
    await expect(page.getByLabel('星期六')).toBeChecked();
    await expect(page.getByLabel('星期日')).not.toBeChecked();
    await expect(page.getByTestId('next-run')).toContainText(/\d\d\/\d\d\/\d{4} (08:15|16:30)/);
    await checkScreen(page, 'schedule');
    // Back to the fixture's default so other specs meet no scheduled cycle.
    await page.getByLabel('關閉（只用即時傳送）').check();
    await page.getByRole('button', { name: '儲存' }).click();
    await expect(page.getByTestId('next-run')).toContainText('沒有');
  });

  test('更改學校密碼匙: strength rules, a new key pair with its validity, the history; then back', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const NEW_KEY = 'Renewed-School-Key-2026';
    await logIn(page, 'head');
    await page.goto(`${nodeUrl()}/key/change`);
    await expect(page.getByRole('heading', { name: '更改學校密碼匙', level: 1 })).toBeVisible();
    const keys = page.getByTestId('school-keys');
    await expect(keys.locator('tbody tr')).toHaveCount(1);
    await expect(keys).toContainText('有效（尚餘');
    const change = async (current: string, next: string) => {
      await page.getByLabel('現有學校密碼匙').fill(current);
      await page.getByLabel(/^新學校密碼匙/).fill('short');
      await expect(page.getByTestId('strength-rules')).toContainText('最少 12 個字元（未符合）');
      await expect(page.getByRole('button', { name: '更改學校密碼匙' })).toBeDisabled();
      await page.getByLabel(/^新學校密碼匙/).fill(next);
      await page.getByLabel('確認新學校密碼匙').fill(next);
      await page.getByRole('button', { name: '更改學校密碼匙' }).click();
    };
    await page.getByLabel('現有學校密碼匙').fill('Not-The-School-Key-1');
    await page.getByLabel(/^新學校密碼匙/).fill(NEW_KEY);
    await page.getByLabel('確認新學校密碼匙').fill(NEW_KEY);
    await page.getByRole('button', { name: '更改學校密碼匙' }).click();
    await expect(page.getByRole('alert')).toContainText('學校密碼匙不正確');
    await expect(keys.locator('tbody tr')).toHaveCount(1);

    await change(E2E_SCHOOL_KEY, NEW_KEY);
    const done = page.getByRole('status').filter({ hasText: '已更改學校密碼匙' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    await expect(done).toContainText('完成系統註冊後，新的公開密碼匙會一併提交。');
    await expect(keys.locator('tbody tr')).toHaveCount(2);
    await expect(keys.locator('tbody tr').first()).toContainText('現用');
    await checkScreen(page, 'key-change');

    await page.goto(`${nodeUrl()}/key/history`);
    await expect(page.getByTestId('key-history').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('key-history')).toContainText('更改學校密碼匙');
    await checkScreen(page, 'key-history');

    // Other specs seal with the fixture's School Key: change it back (a second rollover).
    await page.goto(`${nodeUrl()}/key/change`);
    await change(NEW_KEY, E2E_SCHOOL_KEY);
    await expect(page.getByRole('status').filter({ hasText: '已更改學校密碼匙' })).toBeVisible({
      timeout: 30_000,
    });
  });

  test('未核實的新密碼匙 and 聯遞系統紀錄 are reachable for a key holder, and not for staff', async ({
    page,
  }) => {
    await logIn(page, 'head');
    await page.goto(`${nodeUrl()}/key/unconfirmed`);
    await expect(page.getByText('沒有未核實的新密碼匙。')).toBeVisible();
    await checkScreen(page, 'unconfirmed');
    await logOut(page);
    await logIn(page, 'staff');
    await page.goto(`${nodeUrl()}/key/change`);
    await expect(page.getByRole('heading', { name: '更改學校密碼匙' })).toHaveCount(0);
  });
});

test.describe('in a world with a live hub', () => {
  let world: OperationsWorld;
  test.beforeAll(async () => {
    world = await startOperationsWorld();
  });
  test.afterAll(async () => {
    await world?.stop();
  });

  test('設定 → 系統註冊 → 即時傳送 → 聯遞系統紀錄 → 傳送網上校管系統版本', async ({ page }) => {
    test.setTimeout(90_000);
    const url = world.url;
    await page.goto(`${url}/login`);
    await page.getByRole('textbox', { name: /用戶名稱/ }).fill('cdsadmin');
    await page.getByLabel(/^密碼/).fill('Browser-Test-2026');
    await page.getByRole('button', { name: '登入' }).click();
    await expect(page.getByRole('heading', { name: /歡迎/ })).toBeVisible();

    // 設定: point the school at the hub, test it (every step ✓), save.
    await page.goto(`${url}/settings`);
    await page.getByLabel('主要網址').fill(world.hubUrl);
    await page.getByRole('button', { name: '測試連線' }).click();
    const check = page.getByTestId('connection-check');
    await expect(check).toHaveAttribute('data-ok', 'true');
    for (const step of ['dns', 'tcp', 'http', 'signature', 'clock'])
      await expect(check.locator(`[data-step="${step}"]`)).toHaveAttribute('data-state', 'ok');
    await expect(check.locator('[data-step="tls"]')).toContainText('不適用');
    await expect(check.locator('[data-step="clock"]')).toContainText('相差');
    await page.getByRole('button', { name: '儲存' }).click();
    await expect(page.getByText('已儲存設定。')).toBeVisible();
    await checkScreen(page, 'settings-ok');

    // 系統註冊: the hub fingerprint to compare, the code, the registered state.
    await page.goto(`${url}/registration`);
    await expect(page.getByText('尚未註冊')).toBeVisible();
    await expect(page.getByText('中央伺服器指紋：')).toBeVisible();
    await checkScreen(page, 'registration');
    await page.getByLabel('註冊碼').fill(await world.issueCode());
    await page.getByRole('button', { name: '註冊' }).click();
    await expect(page.getByTestId('registered')).toContainText('已固定的中央伺服器指紋');
    await expect(page.getByText('與已固定的指紋相同。')).toBeVisible();
    await checkScreen(page, 'registered');

    // 即時傳送: two sealed messages go; each one's outcome, then the summary.
    const ids = await world.sealTwo();
    await page.goto(`${url}/transmission`);
    await expect(page.getByRole('heading', { name: '即時傳送' })).toBeVisible();
    await page.getByRole('button', { name: '開始傳送' }).click();
    const run = page.getByTestId('transmission-run');
    await expect(run).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
    for (const id of ids) {
      const row = run.locator(`tr[data-message="${id}"]`);
      await expect(row).toHaveAttribute('data-outcome', 'SENT');
      await expect(row).toContainText('已輸出');
    }
    await expect(run).toContainText('學生出席資料 2026年9月');
    await expect(page.getByTestId('transmission-summary')).toContainText('上載 · 已輸出：2');
    await checkScreen(page, 'transmission');

    // 聯遞系統紀錄: today's entries, search by a message id, the file to download.
    await page.goto(`${url}/log`);
    const lines = page.getByTestId('log-lines');
    await expect(lines).toContainText('開始');
    await expect(lines).toContainText(ids[0]!);
    await expect(lines).toContainText('已輸出');
    // The cycle's fixed words in the file ("3 new entries") are read in the user's language.
    await expect(lines).toContainText(/新增 \d+ 項目錄記錄/);
    await checkScreen(page, 'log');
    await page.getByLabel('搜尋紀錄').fill(ids[1]!);
    await expect(page.getByText('找到 1 行')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /下載 CDS_\d{8}\.log/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^CDS_\d{8}\.log$/);

    // 傳送網上校管系統版本: Start → a READY message for a key holder to seal.
    await page.goto(`${url}/version`);
    await expect(page.getByTestId('software-version')).not.toBeEmpty();
    await page.getByRole('button', { name: '開始' }).click();
    await expect(page.getByRole('status')).toContainText('網上校管系統版本');
    await expect(page.getByRole('link', { name: '前往處理訊息加密及傳送' })).toBeVisible();
    await checkScreen(page, 'version');
  });
});
