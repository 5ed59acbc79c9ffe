import { Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from './page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Container size="sm" py={64}>
      <Stack align="center" ta="center" gap="md">
        <Text fw={800} fz={64} c="teal.7" aria-hidden>
          404
        </Text>
        <Title order={1}>Page not found</Title>
        <Text c="dimmed">The page you asked for does not exist or has moved. Search for a service or go back home.</Text>
        <Group>
          <Button component={Link} to="/">
            Go to the home page
          </Button>
          <Button component={Link} to="/search" variant="default">
            Search services
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}
