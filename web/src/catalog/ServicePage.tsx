import { Container, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

export function ServicePage() {
  usePageTitle('Service');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>Service</Title>
    </Container>
  );
}
