import { Container, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

export function BookPage() {
  usePageTitle('Book');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>Book</Title>
    </Container>
  );
}
