// The three states a screen shows besides its content: loading, failed, empty. Messages
// say what happened and what to do next.
import { Alert, Button, Card, Container, Group, Skeleton, Stack, Text, Title, type MantineSize } from '@mantine/core';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';

export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  if (error instanceof Error && /fetch|network/i.test(error.message))
    return 'We could not reach HomeSer. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function ErrorNotice({ error, title = 'This did not load', retry }: { error: unknown; title?: string; retry?: () => unknown }) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {retry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={() => void retry()}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder padding="xl" radius="md">
      <Stack align="center" gap="xs" ta="center">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children && (
          <Text c="dimmed" size="sm">
            {children}
          </Text>
        )}
        {action}
      </Stack>
    </Card>
  );
}

export function CardSkeletons({ count = 6 }: { count?: number }) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} withBorder radius="md" padding="md" aria-hidden>
          <Skeleton height={140} mb="sm" />
          <Skeleton height={14} width="70%" mb={8} />
          <Skeleton height={12} width="40%" />
        </Card>
      ))}
    </>
  );
}

/** A whole screen that failed to load: the notice, in the screen's column. */
export function ErrorScreen({ error, retry, size = 'sm' }: { error: unknown; retry?: () => unknown; size?: MantineSize }) {
  return (
    <Container size={size} py="xl">
      <ErrorNotice error={error} retry={retry} />
    </Container>
  );
}

/** A narrow screen still loading: a title bar and a card. */
export function ScreenSkeleton({ label }: { label: string }) {
  return (
    <Container size="sm" py="xl" aria-busy="true" aria-label={label}>
      <Skeleton height={32} width="60%" mb="md" />
      <Skeleton height={220} />
    </Container>
  );
}

/** What went wrong with an action, inside the form or dialog that tried it. */
export function FailureAlert({ message, title }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {message}
    </Alert>
  );
}
