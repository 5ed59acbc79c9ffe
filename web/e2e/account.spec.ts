// An account's life: register, edit the profile (with a photo), sign out everywhere.
import { expect, test } from '@playwright/test';
import { uniqueEmail } from './support';

// A 2×2 PNG, enough for the media route's type sniffing.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

test('register → edit the profile and photo → sign out everywhere', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Register' }).click();
  await expect(page).toHaveTitle('Create an account · HomeSer');
  await page.getByLabel('Name').fill('Rafiq Hasan');
  await page.getByLabel('Email').fill(uniqueEmail('rafiq'));
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Rafiq Hasan Khan');
  await page.getByLabel('Phone').fill('+8801700000000');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account menu for Rafiq Hasan Khan' })).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload a photo' }).click();
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('Photo updated')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Your photo' })).toHaveAttribute('src', /\/media\//);

  // The profile survives a reload (the session is restored from the refresh cookie).
  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Rafiq Hasan Khan');
  await expect(page.getByText('This device')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/account');
  await expect(page.getByText('Manage your account: sign in or create an account.')).toBeVisible();
});
