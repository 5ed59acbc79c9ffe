// Every screen: a real 404, page titles, no serious or critical axe violations, keyboard-only
// booking, and a phone-sized viewport without sideways scrolling.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CUSTOMER, expectNoSeriousA11yViolations, openServiceBySearch, signInInline, slotButtons } from './support';

test('an unknown route is a 404 page; a missing file is a plain 404', async ({ page, request }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · HomeSer');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trusted home services, booked in minutes');
  for (const path of ['/assets/x.js', '/favicon.ico', '/robots.txt']) expect((await request.get(path)).status()).toBe(404);
});

test('every screen passes axe with no serious or critical violations', async ({ page }) => {
  test.setTimeout(300_000); // a dozen screens, each loaded and analysed
  const check = async (path: string, ready: (p: Page) => Promise<void>, name = path) => {
    await page.goto(path);
    await ready(page);
    await expectNoSeriousA11yViolations(page, name);
  };
  const heading = (text: string | RegExp) => (p: Page) => expect(p.getByRole('heading', { level: 1, name: text })).toBeVisible();
  await check('/', heading('Trusted home services, booked in minutes'));
  await expect(page.getByRole('article').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'home with cards');
  await check('/search?q=plumbng', heading(/Services matching/));
  await openServiceBySearch(page, 'plumbng', 'Kitchen Sink Plumbing');
  await page
    .getByRole('button', { name: /\d+ free times?$/ })
    .first()
    .click();
  await expect(slotButtons(page).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'service with slots');
  await page.getByRole('link', { name: 'Bennett & Sons Plumbing' }).first().click();
  await heading('Bennett & Sons Plumbing')(page);
  await expectNoSeriousA11yViolations(page, 'provider');
  await check('/sign-in', heading('Sign in'));
  await check('/register', heading('Create an account'));
  await check('/no/such/page', heading('Page not found'));

  await page.goto('/sign-in');
  await signInInline(page, DEMO_CUSTOMER);
  await expect(page.getByRole('button', { name: /^Account menu for/ })).toBeVisible();
  await check('/bookings', heading('My bookings'));
  await expect(page.getByRole('tab', { name: /Upcoming/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'my bookings loaded');
  await page.getByRole('article').first().getByRole('link').first().click();
  await heading(/./)(page);
  await expectNoSeriousA11yViolations(page, 'booking');
  await check('/notifications', heading('Notifications'));
  await check('/account', heading('Your account'));
  await page.getByRole('button', { name: /^Account menu for/ }).click();
  await expect(page.getByRole('menuitem', { name: 'My bookings' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'account menu open');
});

test('a customer books with the keyboard alone, with focus always visible', async ({ page }) => {
  await openServiceBySearch(page, 'plumbng', 'Kitchen Sink Plumbing');
  const firstDay = page.getByRole('button', { name: /\d+ free times?$/ }).first();
  // Tab from the month's "Next month" control into the days, then arrows and Enter.
  await page.getByRole('button', { name: 'Next month' }).focus();
  await page.keyboard.press('Shift+Tab');
  await firstDay.focus();
  await expect(firstDay).toBeFocused();
  const outline = await firstDay.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  const slot = slotButtons(page).first();
  await expect(slot).toBeVisible();
  for (let i = 0; i < 10 && !(await slot.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(slot).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(slot).toHaveAttribute('aria-pressed', 'true');
  const book = page.getByRole('button', { name: /^Book this slot/ });
  for (let i = 0; i < 20 && !(await book.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(book).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Book Kitchen Sink Plumbing' })).toBeVisible();
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('no screen scrolls sideways, and booking stays reachable', async ({ page }) => {
    const noSideways = async (name: string) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect([name, overflow]).toEqual([name, 0]);
    };
    await page.goto('/');
    await expect(page.getByRole('article').first()).toBeVisible();
    await noSideways('home');
    await page.goto('/search?q=plumbing');
    await expect(page.getByRole('article').first()).toBeVisible();
    await noSideways('search');
    await openServiceBySearch(page, 'plumbng', 'Kitchen Sink Plumbing');
    await page
      .getByRole('button', { name: /\d+ free times?$/ })
      .first()
      .tap();
    await slotButtons(page).first().tap();
    await noSideways('service');
    const book = page.getByRole('button', { name: /^Book this slot/ });
    await book.scrollIntoViewIfNeeded();
    await expect(book).toBeInViewport();
    await book.tap();
    await expect(page.getByRole('heading', { name: 'Book Kitchen Sink Plumbing' })).toBeVisible();
    await noSideways('book');
    await page.goto('/sign-in');
    await noSideways('sign in');
    await page.goto('/no/such/page');
    await noSideways('404');
  });
});
