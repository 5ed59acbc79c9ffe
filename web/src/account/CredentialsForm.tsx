// The body both account forms share: email and password fields, checks a person can act on,
// the server's refusal shown above the fields, and a submit button that shows it is working.
// Sign-in and register differ only in the extra fields around them and what they submit.
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm, type FormValidateInput, type UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../app/screen-states';

interface Credentials {
  email: string;
  password: string;
}

interface Props<V extends Credentials> {
  /** The form's accessible name and the submit's caption, e.g. "Sign in". */
  name: string;
  submitLabel: string;
  failureTitle: string;
  /** A new password (register: at least 8 characters) or the one already chosen (sign in). */
  password: 'new' | 'current';
  initialValues: V;
  validate?: FormValidateInput<V>;
  /** Fields before the email (e.g. the name) and after the password (e.g. the phone). */
  before?: (form: UseFormReturnType<V>) => ReactNode;
  after?: (form: UseFormReturnType<V>) => ReactNode;
  onSubmit(values: V): Promise<void>;
}

const MIN_PASSWORD_LENGTH = 8;

export function CredentialsForm<V extends Credentials>({
  name,
  submitLabel,
  failureTitle,
  password,
  initialValues,
  validate,
  before,
  after,
  onSubmit,
}: Props<V>) {
  const [failure, setFailure] = useState<string | null>(null);
  const isNew = password === 'new';
  const form = useForm<V>({
    initialValues,
    validate: {
      email: (v: string) =>
        /^\S+@\S+\.\S+$/.test(v)
          ? null
          : isNew
            ? 'Enter an email address such as you@example.com'
            : 'Enter the email address you registered with',
      password: (v: string) =>
        isNew
          ? v.length >= MIN_PASSWORD_LENGTH
            ? null
            : `Use at least ${MIN_PASSWORD_LENGTH} characters`
          : v
            ? null
            : 'Enter your password',
      ...validate,
    } as FormValidateInput<V>,
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await onSubmit({ ...values, email: values.email.trim() });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label={name}>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert" title={failureTitle}>
            {failure}
          </Alert>
        )}
        {before?.(form)}
        <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <PasswordInput
          label="Password"
          description={isNew ? `At least ${MIN_PASSWORD_LENGTH} characters` : undefined}
          autoComplete={isNew ? 'new-password' : 'current-password'}
          required
          {...form.getInputProps('password')}
        />
        {after?.(form)}
        <Button type="submit" loading={form.submitting}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
