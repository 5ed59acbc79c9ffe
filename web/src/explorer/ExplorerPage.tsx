import { Container, Text, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

/** Placeholder until this area is built; its route is lazy so customers never download it. */
export function ExplorerPage() {
  usePageTitle('GraphQL explorer');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>GraphQL explorer</Title>
      <Text c="dimmed">This area is on its way.</Text>
    </Container>
  );
}
