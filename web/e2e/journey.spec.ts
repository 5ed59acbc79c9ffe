// The whole customer journey by clicking: find a service through a typo, pick a day and a
// slot, sign in on the way, book, pay in the built-in sandbox, see it confirmed, cancel and
// see the refund.
import { expect, test } from '@playwright/test';
import { DEMO_CUSTOMER, openServiceBySearch, pickDayWithSlots, signInInline, slotButtons } from './support';

test('search → service → slot → sign in → book → pay → confirmed → cancel → refund', async ({ page }) => {
  await openServiceBySearch(page, 'plumbng', 'Kitchen Sink Plumbing');
  await expect(page).toHaveTitle(/Kitchen Sink Plumbing · HomeSer/);
  await expect(page.getByText('The provider works in Europe/London.')).toBeVisible();

  // Three days ahead at least: outside the 24-hour window, so cancelling refunds in full.
  await pickDayWithSlots(page, 3);
  const slot = slotButtons(page).first();
  const time = (await slot.textContent()) ?? '';
  await slot.click();
  await expect(slot).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: /^Book this slot/ }).click();

  await expect(page.getByRole('heading', { name: 'Book Kitchen Sink Plumbing' })).toBeVisible();
  await expect(page.getByText(new RegExp(`, ${time}$`))).toBeVisible();
  await signInInline(page, DEMO_CUSTOMER);
  await page.getByLabel('Notes for the provider (optional)').fill('Ring the bell twice, please.');
  await page.getByRole('button', { name: 'Confirm booking' }).click();

  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Awaiting payment')).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/Slot held for 1[0-4]:\d\d/);
  await page.getByRole('button', { name: /^Pay now/ }).click();

  // The built-in sandbox's pay page, on the server's public origin (localhost).
  await expect(page).toHaveURL(/\/dev\/sslcommerz\/pay\//);
  await page.getByRole('button', { name: /^Pay/ }).first().click();

  // Back on the origin the customer used (127.0.0.1), still signed in; the API says Confirmed.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/bookings\/[0-9a-f-]{36}\?payment=success$/);
  await expect(page.getByRole('status').getByText('Booking confirmed')).toBeVisible();
  await expect(page.getByText('Confirmed', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Cancel booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
  await expect(dialog.getByText('You get the full price back.')).toBeVisible();
  const refund = (await dialog.getByText(/^Refund: /).textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Yes, cancel booking' }).click();

  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('status').getByText(new RegExp(`Refund of ${refund.replace('Refund: ', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
  ).toBeVisible();
});
