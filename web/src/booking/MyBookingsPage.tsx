import { Container, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

export function MyBookingsPage() {
  usePageTitle('My bookings');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>My bookings</Title>
    </Container>
  );
}
