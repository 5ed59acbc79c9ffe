// Steps a customer takes, shared by the specs. Elements are found by role and name only.
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'homeser-demo';
export const DEMO_CUSTOMER = 'customer@homeser.test';

export async function signInInline(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('form', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).click();
}

export async function registerInline(page: Page, name: string, email: string): Promise<void> {
  await page.getByRole('tab', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByRole('button', { name: 'Create account' }).click();
}

export const uniqueEmail = (who: string) => `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

/** Opens the service from a search, the way a customer finds it. */
export async function openServiceBySearch(page: Page, query: string, title: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Search services' }).fill(query);
  await page.getByRole('textbox', { name: 'Search services' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${query}`));
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** The n-th day of the calendar that has free times (0 = the first), clicked. */
export async function pickDayWithSlots(page: Page, n = 0): Promise<string> {
  const days = page.getByRole('button', { name: /\d+ free times?$/ });
  await expect(days.first()).toBeVisible();
  const day = days.nth(n);
  const label = (await day.getAttribute('aria-label')) ?? '';
  await day.click();
  return label;
}

/** The slot buttons of the chosen day, named by their local time. */
export const slotButtons = (page: Page) => page.getByRole('group', { name: /\d{4}$/ }).getByRole('button', { name: /^\d\d:\d\d$/ });

export async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
}

/** GraphQL as an integrator would send it (used only to make things happen elsewhere, as another person). */
export async function gql<T>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await request.post('/graphql', {
    data: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function apiSignIn(request: APIRequestContext, email: string, password: string): Promise<string> {
  const data = await gql<{ login: { accessToken: string } }>(
    request,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: password },
  );
  return data.login.accessToken;
}
