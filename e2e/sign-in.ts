import type { Page } from 'playwright-core';

/** The password of every demo account. */
const DEMO_PASSWORD = 'anagen-demo';

/**
 * Signs in through the form, as a person would, after dropping any earlier session. Waits for
 * `home` when given, else until the page has left /sign-in.
 */
export async function signIn(
  page: Page,
  url: string,
  email: string,
  home?: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (home) await page.waitForURL(`${url}${home}`);
  else await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}
