import { expect, type Page } from '@playwright/test';
import { E2E_PASSWORD } from './fixture-node.js';

/** This worker's own fixture node (global-setup.ts starts one per worker). */
export function nodeUrl(): string {
  const name = `CDS_E2E_URL_${process.env['TEST_PARALLEL_INDEX'] ?? '0'}`;
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run through playwright.config.ts`);
  return url;
}

/** Logs in through the login page in whatever language it shows. */
export async function logIn(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto(`${nodeUrl()}/login`);
  await page.getByRole('textbox', { name: /用戶名稱|User name/ }).fill(username);
  await page.getByLabel(/^(密碼|Password)/).fill(password);
  // Waits for the server's answer (session cookie or refusal): a page.goto right after the click
  // would otherwise race the login and land on the login page again.
  const answered = page.waitForResponse(
    (response) => response.url().endsWith('/api/session') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: /^(登入|Log in)$/ }).click();
  await answered;
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /登出|Log out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The labels of the main menu's top-level entries, in order. */
export async function menuEntries(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await expect(menu).toBeVisible();
  return menu
    .locator('.mantine-NavLink-root')
    .evaluateAll((links) =>
      links
        .filter((link) => link.closest('.mantine-NavLink-children') === null)
        .map((link) => link.querySelector('.mantine-NavLink-label')?.textContent ?? ''),
    );
}
