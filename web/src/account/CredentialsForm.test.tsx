// @vitest-environment jsdom
// The body the sign-in and register forms share: what a person sees when a field is wrong,
// what is submitted, and the server's refusal shown above the fields.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CredentialsForm } from './CredentialsForm';

beforeAll(() => {
  // jsdom has no matchMedia; Mantine asks it for the colour scheme.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
});
afterEach(cleanup);

const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('CredentialsForm', () => {
  it('asks for a new password of 8 characters and submits the trimmed email with the extra fields', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(
      <MantineProvider>
        <CredentialsForm
          name="Register"
          submitLabel="Create account"
          failureTitle="Could not register"
          password="new"
          initialValues={{ name: '', email: '', password: '' }}
          before={(form) => <input aria-label="Name" {...form.getInputProps('name')} />}
          onSubmit={onSubmit}
        />
      </MantineProvider>,
    );
    fill(/^Name/, 'Rina');
    fill(/^Email/, '  rina@example.com ');
    fill(/^Password/, 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Use at least 8 characters')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    fill(/^Password/, 'a-long-password');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: 'Rina', email: 'rina@example.com', password: 'a-long-password' }));
  });

  it("shows the server's refusal above the fields", async () => {
    render(
      <MantineProvider>
        <CredentialsForm
          name="Sign in"
          submitLabel="Sign in"
          failureTitle="Could not sign in"
          password="current"
          initialValues={{ email: '', password: '' }}
          onSubmit={() => Promise.reject(new Error('Wrong email or password.'))}
        />
      </MantineProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter the email address you registered with')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    fill(/^Email/, 'customer@homeser.test');
    fill(/^Password/, 'nope');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not sign in');
    expect(alert.textContent).toContain('Wrong email or password.');
  });
});
