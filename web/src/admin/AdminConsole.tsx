import { Container, Text, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

/** Placeholder until this area is built; its route is lazy so customers never download it. */
export function AdminConsole() {
  usePageTitle('Admin');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>Admin</Title>
      <Text c="dimmed">This area is on its way.</Text>
    </Container>
  );
}
