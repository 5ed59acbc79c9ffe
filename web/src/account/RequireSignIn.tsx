import { Card, Container, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAuth } from '../app/auth/AuthProvider';
import { PageLoading } from '../app/layout/PageLoading';
import { SignInOrRegister } from './SignInOrRegister';

/** Shows its children to a signed-in person; otherwise signs them in right here. */
export function RequireSignIn({ reason, children }: { reason: string; children: ReactNode }) {
  const { viewer } = useAuth();
  if (viewer === undefined) return <PageLoading />;
  if (viewer) return <>{children}</>;
  return (
    <Container size={440} py="xl">
      <Title order={1} size="h2" mb={4}>
        Sign in
      </Title>
      <Text c="dimmed" mb="lg">
        {reason}: sign in or create an account.
      </Text>
      <Card withBorder radius="md" padding="lg">
        <SignInOrRegister />
      </Card>
    </Container>
  );
}
