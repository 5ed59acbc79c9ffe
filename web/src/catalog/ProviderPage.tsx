import { Container, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

export function ProviderPage() {
  usePageTitle('Provider');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>Provider</Title>
    </Container>
  );
}
