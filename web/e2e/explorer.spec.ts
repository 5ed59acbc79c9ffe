// The explorer works with every other host unreachable: GraphiQL comes from our own origin,
// a query and a subscription run, and not one request leaves for elsewhere.
import { expect, test, type Page } from '@playwright/test';
import { apiPaidBooking, apiRegister, DEMO_ADMIN, signInInline, uniqueEmail } from './support';

/**
 * Replaces the text of the focused GraphiQL tab's operation editor. The caller runs it at once,
 * as a person pressing Ctrl+Enter would, before GraphiQL's own parse of the text has caught up.
 */
async function writeOperation(page: Page, text: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText types no keys, so the editor's bracket completion adds nothing.
  await page.keyboard.insertText(text);
}

const responsePane = (page: Page) => page.locator('.graphiql-response');

test('the explorer runs a query and a subscription with the network closed beyond our origin', async ({
  context,
  page,
  baseURL,
  request,
}) => {
  // Our origin as the browser uses it, and as the app names itself (PUBLIC_URL is localhost in
  // these tests, so the media it links to come from there).
  const ours = [new URL(baseURL!).host, `localhost:${new URL(baseURL!).port}`];
  const elsewhere: string[] = [];
  const blockOthers = (url: string) => {
    const u = new URL(url);
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false; // data:, blob: stay in the page
    if (ours.includes(u.host)) return false;
    elsewhere.push(url);
    return true;
  };
  await context.route('**/*', (route) => (blockOthers(route.request().url()) ? route.abort('blockedbyclient') : route.continue()));
  await context.routeWebSocket(/.*/, (ws) => (blockOthers(ws.url()) ? ws.close() : ws.connectToServer()));

  await page.goto('/sign-in');
  await signInInline(page, DEMO_ADMIN);
  await expect(page.getByRole('button', { name: /^Account menu for/ })).toBeVisible();
  await page.goto('/explorer');
  await expect(page.getByRole('heading', { name: 'GraphQL explorer' })).toBeVisible();
  await expect(page.getByText('schema from introspection')).toBeVisible();

  await writeOperation(page, '{ categories { slug } }');
  await page.getByRole('button', { name: /Execute query/ }).click();
  await expect(responsePane(page)).toContainText('"slug": "plumbing"');

  await writeOperation(page, 'subscription { bookingUpdated { booking { id status } } }');
  await page.getByRole('button', { name: /Execute query/ }).click();
  // Someone books and pays elsewhere: the admin's subscription sees it. A subscription sees
  // what happens once the server has taken it, and graphql-ws acknowledges no subscribe, so
  // a booking paid within milliseconds of the click can fall before it (seen in CI, when the
  // booking and its payment took 50 ms): each try books and pays anew until one shows.
  const token = await apiRegister(request, 'Sub Scriber', uniqueEmail('sub'));
  await expect(async () => {
    const paid = await apiPaidBooking(request, token);
    await expect(responsePane(page)).toContainText(paid.bookingId, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });

  expect(elsewhere).toEqual([]);
});
