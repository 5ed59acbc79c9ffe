import { useAuth } from '../app/auth/AuthProvider';
import { CredentialsForm } from './CredentialsForm';

export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { signIn } = useAuth();
  return (
    <CredentialsForm
      name="Sign in"
      submitLabel="Sign in"
      failureTitle="Could not sign in"
      password="current"
      initialValues={{ email: '', password: '' }}
      onSubmit={async ({ email, password }) => {
        await signIn(email, password);
        onSignedIn?.();
      }}
    />
  );
}
