import { Container, Title } from '@mantine/core';
import { usePageTitle } from '../app/page-title';

export function BookingPage() {
  usePageTitle('Booking');
  return (
    <Container size="lg" py="xl">
      <Title order={1}>Booking</Title>
    </Container>
  );
}
