// Two people at once: customer A's open calendar loses the slot customer B just booked,
// without a reload; A's bell counts a notification the moment it arrives.
import { expect, test, type Page } from '@playwright/test';
import { apiPaidBooking, apiSignIn, openServiceBySearch, pickDayWithSlots, registerInline, slotButtons, uniqueEmail } from './support';

async function registerOnPage(page: Page, name: string): Promise<string> {
  const email = uniqueEmail(name.toLowerCase());
  await page.goto('/register');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: `Account menu for ${name}` })).toBeVisible();
  return email;
}

test("A's calendar loses the slot B books, and A's bell counts A's new notification", async ({ browser, request }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const emailA = await registerOnPage(a, 'Anika');

  await openServiceBySearch(a, 'plumbng', 'Kitchen Sink Plumbing');
  const day = await pickDayWithSlots(a, 1);
  await expect(slotButtons(a).first()).toBeVisible();
  const slotsBefore = await slotButtons(a).count();
  const taken = slotButtons(a).first();
  const time = (await taken.textContent())!;
  // B is on the same service, same day, and books the first slot.
  await openServiceBySearch(b, 'plumbng', 'Kitchen Sink Plumbing');
  await b.getByRole('button', { name: day }).click();
  await slotButtons(b).getByText(time, { exact: true }).click();
  await b.getByRole('button', { name: /^Book this slot/ }).click();
  await registerInline(b, 'Bilal', uniqueEmail('bilal'));
  await b.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(b.getByText('Awaiting payment')).toBeVisible();

  await expect(slotButtons(a).getByText(time, { exact: true })).toHaveCount(0);
  // (its neighbours may go too: the service keeps a buffer after each booking)
  expect(await slotButtons(a).count()).toBeLessThan(slotsBefore);

  // Something happens to A elsewhere (A books and pays from another device): the bell counts it.
  await expect(a.getByRole('link', { name: 'Notifications' })).toBeVisible();
  const token = await apiSignIn(request, emailA, 'a-long-password');
  await apiPaidBooking(request, token);

  await expect(a.getByRole('link', { name: /^Notifications, [1-9]\d* unread$/ })).toBeVisible();
  await a.getByRole('link', { name: /^Notifications, / }).click();
  await expect(a.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await a.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(a.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
});
