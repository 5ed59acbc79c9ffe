import { Anchor, Card, Container, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../app/page-title';
import { RegisterForm } from './RegisterForm';
import { SignInForm } from './SignInForm';

/** Where to go after signing in: only a path on this site (never another origin). */
export function useNextPath(): string {
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  usePageTitle('Sign in');
  const next = useNextPath();
  const navigate = useNavigate();
  return (
    <Container size={440} py="xl">
      <Title order={1} mb="xs">
        Sign in
      </Title>
      <Text c="dimmed" mb="lg">
        New to HomeSer?{' '}
        <Anchor component={Link} to={`/register?next=${encodeURIComponent(next)}`} underline="always">
          Create an account
        </Anchor>
      </Text>
      <Card withBorder radius="md" padding="lg">
        <SignInForm onSignedIn={() => void navigate(next, { replace: true })} />
      </Card>
    </Container>
  );
}

export function RegisterPage() {
  usePageTitle('Create an account');
  const next = useNextPath();
  const navigate = useNavigate();
  return (
    <Container size={440} py="xl">
      <Title order={1} mb="xs">
        Create an account
      </Title>
      <Text c="dimmed" mb="lg">
        Already registered?{' '}
        <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(next)}`} underline="always">
          Sign in
        </Anchor>
      </Text>
      <Card withBorder radius="md" padding="lg">
        <RegisterForm onRegistered={() => void navigate(next === '/' ? '/account' : next, { replace: true })} />
      </Card>
    </Container>
  );
}
