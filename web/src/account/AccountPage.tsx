import { Container, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

export function AccountPage() {
  usePageTitle('Account');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>Account</Title>
    </Container>
  );
}
