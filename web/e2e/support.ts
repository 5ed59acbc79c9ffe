// Steps a customer takes, shared by the specs. Elements are found by role and name only.
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'homeser-demo';
export const DEMO_CUSTOMER = 'customer@homeser.test';
export const DEMO_ADMIN = 'admin@homeser.test';

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

/** `exclude`: a selector for markup that is not ours (GraphiQL's own components), left out of the scan. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string, exclude?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (exclude ? builder.exclude(exclude) : builder).analyze();
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

/** A fresh account through the API; returns its access token. */
export async function apiRegister(request: APIRequestContext, name: string, email: string, password = 'a-long-password'): Promise<string> {
  const data = await gql<{ register: { accessToken: string } }>(
    request,
    'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
    { i: { name, email, password } },
  );
  return data.register.accessToken;
}

/**
 * The customer with this token books a late free slot of an instant service found by `search`
 * and pays in the built-in sandbox, all through the API.
 */
export async function apiPaidBooking(
  request: APIRequestContext,
  token: string,
  search = 'Kitchen Sink Plumbing',
): Promise<{ bookingId: string; transactionId: string; price: number }> {
  const found = await gql<{ services: { edges: { node: { id: string } }[] } }>(
    request,
    'query($q: String!) { services(filter: { search: $q }, first: 1) { edges { node { id } } } }',
    { q: search },
  );
  const serviceId = found.services.edges[0]!.node.id;
  const from = new Date(Date.now() + 5 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 12 * 86_400_000).toISOString();
  const slots = await gql<{ availableSlots: { startsAt: string }[] }>(
    request,
    'query($s: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(serviceId: $s, from: $f, to: $t) { startsAt } }',
    { s: serviceId, f: from, t: to },
  );
  // A random late slot: specs that book the same service do not collide.
  const pick = slots.availableSlots.slice(-20);
  const startsAt = pick[Math.floor(Math.random() * pick.length)]!.startsAt;
  const booked = await gql<{ requestBooking: { id: string; price: { amount: number } } }>(
    request,
    'mutation($i: BookingInput!) { requestBooking(input: $i) { id price { amount } } }',
    { i: { serviceId, startsAt } },
    token,
  );
  const pay = await gql<{ startPayment: { redirectUrl: string; payment: { transactionId: string } } }>(
    request,
    'mutation($b: ID!) { startPayment(bookingId: $b) { redirectUrl payment { transactionId } } }',
    { b: booked.requestBooking.id },
    token,
  );
  await request.post(pay.startPayment.redirectUrl, { form: { outcome: 'success' }, maxRedirects: 0 });
  return {
    bookingId: booked.requestBooking.id,
    transactionId: pay.startPayment.payment.transactionId,
    price: booked.requestBooking.price.amount,
  };
}

/** A page in a fresh context, signed in on the sign-in screen. */
export async function signedInPage(browser: Browser, email: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/sign-in');
  await signInInline(page, email, password);
  await expect(page.getByRole('button', { name: /^Account menu for/ })).toBeVisible();
  return page;
}
