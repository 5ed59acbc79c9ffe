// The admin console at work: a partial refund the customer then sees, and a category from
// nothing to a service a customer finds in it. Each person in a browser context of their own.
import { expect, test } from '@playwright/test';
import { apiPaidBooking, apiRegister, DEMO_ADMIN, expectNoSeriousA11yViolations, gql, signedInPage, uniqueEmail } from './support';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('an admin refunds part of a payment, and the customer sees the refund on the booking', async ({ browser, request }) => {
  const email = uniqueEmail('rafi');
  const token = await apiRegister(request, 'Rafi Customer', email);
  const paid = await apiPaidBooking(request, token);

  const admin = await signedInPage(browser, DEMO_ADMIN);
  await admin.goto('/admin/payments');
  await admin.getByRole('button', { name: `Refund ${paid.transactionId}` }).click();
  const dialog = admin.getByRole('dialog', { name: 'Refund a payment' });
  await expect(dialog.getByText(/can still be refunded/)).toBeVisible();
  await dialog.getByLabel(/Amount to refund/).fill('100');
  await dialog.getByLabel('Reason').fill('The tap was not replaced');
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(dialog).toBeHidden();
  // The row now shows what was refunded and what remains, in taka.
  const row = admin.getByRole('row', { name: new RegExp(escape(paid.transactionId)) });
  await expect(row.getByRole('cell', { name: /^(৳|BDT\s?)100$/ })).toBeVisible();
  const remaining = ((paid.price - 10_000) / 100).toLocaleString('en-US');
  await expect(row.getByRole('cell', { name: new RegExp(`^(৳|BDT\\s?)${escape(remaining)}$`) })).toBeVisible();

  const customer = await signedInPage(browser, email, 'a-long-password');
  await customer.goto(`/bookings/${paid.bookingId}`);
  await expect(customer.getByText(/^(৳|BDT\s?)100 \((pending|processing|refunded)\)$/)).toBeVisible();
});

test('an admin adds a category, a provider lists a service in it, and a customer finds it there', async ({ browser, request }) => {
  const n = Date.now() % 1_000_000;
  const category = `Pond care ${n}`;
  const title = `Koi pond cleaning ${n}`;

  const admin = await signedInPage(browser, DEMO_ADMIN);
  await admin.goto('/admin/categories');
  await admin.getByLabel('New category').fill(category);
  await admin.getByRole('button', { name: 'Add category' }).click();
  await expect(admin.getByRole('textbox', { name: `Name of ${category}` })).toBeVisible();

  const providerEmail = uniqueEmail('pondpro');
  const providerToken = await apiRegister(request, 'Pond Pro', providerEmail);
  await gql(
    request,
    'mutation($i: ProviderProfileInput!) { becomeProvider(input: $i) { id } }',
    { i: { businessName: `Pond Pros ${n}`, timeZone: 'Asia/Dhaka' } },
    providerToken,
  );
  const provider = await signedInPage(browser, providerEmail, 'a-long-password');
  await provider.goto('/provider/services');
  await provider.getByRole('button', { name: 'New service' }).click();
  const form = provider.getByRole('dialog', { name: 'New service' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Description').fill('We drain, scrub and refill your koi pond, and keep the fish safe meanwhile.');
  // Once in a few runs on a loaded machine the option's click left the Select empty with its list
  // still open (CI, 2026-12-03); pick again until it holds, as a person would.
  const option = provider.getByRole('option', { name: category });
  await expect(async () => {
    if (!(await option.isVisible())) await form.getByLabel('Category').click();
    await option.click({ timeout: 2_000 });
    await expect(form.getByLabel('Category')).toHaveValue(category, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await form.getByLabel('Price (৳)').fill('2500');
  await form.getByRole('button', { name: 'List service' }).click();
  // The outcome as the provider is told it: a failure shows the API's message here.
  await expect(provider.getByRole('alert').filter({ hasText: /Service listed|Not saved/ })).toHaveText(/Service listed/);
  await expect(form).toBeHidden();
  await expect(provider.getByRole('cell', { name: title, exact: true })).toBeVisible();

  // A customer who is not signed in browses the new category from the home page.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto('/');
  await customer.getByRole('link', { name: category }).click();
  await expect(customer.getByRole('link', { name: title })).toBeVisible();
  await customer.getByRole('link', { name: title }).first().click();
  await expect(customer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(customer.getByText(/(৳|BDT\s?)2,500/).first()).toBeVisible();
});

test('an admin creates an API key, sees its secret once, and revokes it; the key works until then', async ({ browser, request }) => {
  const admin = await signedInPage(browser, DEMO_ADMIN);
  await admin.goto('/admin/api-keys');
  const name = `Widget ${Date.now() % 1_000_000}`;
  await admin.getByLabel('New key’s name').fill(name);
  await admin.getByRole('checkbox', { name: 'Read bookings' }).check();
  await admin.getByRole('button', { name: 'Create key' }).click();
  const shown = admin.getByRole('alert').filter({ hasText: `Key “${name}” created` });
  const secret = (await shown.locator('code').textContent()) ?? '';
  expect(secret).toMatch(/^hs_[A-Za-z0-9]{8}_/);
  const row = admin.getByRole('row', { name: new RegExp(escape(name)) });
  await expect(row.getByText('Read bookings')).toBeVisible();
  await expect(row.getByText(secret)).toHaveCount(0); // the list shows only the prefix

  const asKey = () =>
    request.post('/graphql', { data: { query: '{ categories { id } }' }, headers: { authorization: `ApiKey ${secret}` } });
  expect((await asKey()).status()).toBe(200);
  await shown.getByRole('button', { name: 'Hide the key' }).click();
  await expect(admin.getByText(secret)).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByText(secret)).toHaveCount(0); // shown once, never again

  await admin.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(admin.getByRole('row', { name: new RegExp(escape(name)) })).toHaveCount(0);
  expect((await asKey()).status()).toBe(401);
});

test('a customer turns one kind of email off in their account; it stays off', async ({ browser, request }) => {
  const email = uniqueEmail('mina');
  await apiRegister(request, 'Mina', email);
  const page = await signedInPage(browser, email, 'a-long-password');
  await page.goto('/account');
  const prefs = page.getByRole('group', { name: 'Email me when' });
  const reminder = prefs.getByRole('switch', { name: 'Reminder the day before a visit' });
  await expect(reminder).toBeChecked();
  // By keyboard: the switch's input lies over its label, so a pointer click lands on it anyway.
  await reminder.press('Space');
  await expect(reminder).not.toBeChecked();
  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Email me when' }).getByRole('switch', { name: 'Reminder the day before a visit' }),
  ).not.toBeChecked();
  await expect(prefs.getByRole('switch', { name: 'A payment went through' })).toBeChecked();
});

test('every admin screen passes axe with no serious or critical violations', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await signedInPage(browser, DEMO_ADMIN);
  const screens: [path: string, ready: string | RegExp][] = [
    ['/admin', 'Revenue'],
    ['/admin/users', 'Users'],
    ['/admin/bookings', 'Bookings'],
    ['/admin/payments', 'Payments'],
    ['/admin/held', /^(Payments held for review|Nothing held for review)$/],
    ['/admin/categories', 'Categories'],
    ['/admin/emails', 'Email outbox'],
    ['/admin/api-keys', 'API keys'],
  ];
  for (const [path, ready] of screens) {
    await admin.goto(path);
    await expect(admin.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
    // A list is ready when its table or its empty state is there (the analytics: a figure).
    await expect(admin.getByRole('table', { name: ready }).or(admin.getByText(ready).first()).first()).toBeVisible();
    await admin.waitForLoadState('networkidle');
    await expectNoSeriousA11yViolations(admin, path);
  }
  await admin.goto('/explorer');
  await expect(admin.getByText('schema from introspection')).toBeVisible();
  await expect(admin.locator('.graphiql-container')).toBeVisible();
  // GraphiQL's editors, toolbar and panes are scanned with the rest. Its tab items are left
  // out: each is an <li role="tab"> holding the tab's <button> (and a close button), which axe
  // reports as nested-interactive; that markup is the package's (graphiql 5), not ours.
  await expectNoSeriousA11yViolations(admin, '/explorer', '.graphiql-container .graphiql-tab');
});
