import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useAuth } from '../app/auth/AuthProvider';
import { viewerTimeZone } from '../app/format/time';
import { errorMessage } from '../app/screen-states';

export function RegisterForm({ onRegistered }: { onRegistered?: () => void }) {
  const { register } = useAuth();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '', phone: '', password: '' },
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : 'Enter your name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v) ? null : 'Enter an email address such as you@example.com'),
      password: (v) => (v.length >= 8 ? null : 'Use at least 8 characters'),
    },
  });
  const submit = form.onSubmit(async ({ name, email, phone, password }) => {
    setFailure(null);
    try {
      await register({ name: name.trim(), email: email.trim(), phone: phone.trim() || null, password, timeZone: viewerTimeZone() });
      onRegistered?.();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Register">
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert" title="Could not register">
            {failure}
          </Alert>
        )}
        <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />
        <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <TextInput label="Phone (optional)" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={form.submitting}>
          Create account
        </Button>
      </Stack>
    </form>
  );
}
