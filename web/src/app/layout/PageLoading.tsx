import { Container, Skeleton, Stack } from '@mantine/core';

export function PageLoading() {
  return (
    <Container size="lg" py="xl" aria-busy="true" aria-label="Loading">
      <Stack>
        <Skeleton height={32} width="40%" />
        <Skeleton height={16} width="70%" />
        <Skeleton height={200} />
      </Stack>
    </Container>
  );
}
