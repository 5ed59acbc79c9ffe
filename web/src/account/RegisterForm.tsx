import { TextInput } from '@mantine/core';
import { useAuth } from '../app/auth/AuthProvider';
import { viewerTimeZone } from '../app/format/time';
import { CredentialsForm } from './CredentialsForm';

export function RegisterForm({ onRegistered }: { onRegistered?: () => void }) {
  const { register } = useAuth();
  return (
    <CredentialsForm
      name="Register"
      submitLabel="Create account"
      failureTitle="Could not register"
      password="new"
      initialValues={{ name: '', email: '', phone: '', password: '' }}
      validate={{ name: (v) => (v.trim().length >= 2 ? null : 'Enter your name') }}
      before={(form) => <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />}
      after={(form) => <TextInput label="Phone (optional)" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />}
      onSubmit={async ({ name, email, phone, password }) => {
        await register({ name: name.trim(), email, phone: phone.trim() || null, password, timeZone: viewerTimeZone() });
        onRegistered?.();
      }}
    />
  );
}
