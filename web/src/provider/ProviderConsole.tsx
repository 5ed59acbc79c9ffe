// The provider console: requests and the week ahead, services, availability. Lazy-loaded
// with its own routes, so customers never download it.
import { Alert, Button, Container, Group, Title } from '@mantine/core';
import { Link, Route, Routes, useLocation } from 'react-router';
import { RequireSignIn } from '../account/RequireSignIn';
import { useAuth } from '../app/auth/AuthProvider';
import { usePageTitle } from '../app/page-title';
import { AvailabilityScreen } from './AvailabilityScreen';
import { RequestsScreen } from './RequestsScreen';
import { ServicesScreen } from './ServicesScreen';

const AREAS = [
  { path: '', label: 'Requests and upcoming' },
  { path: 'services', label: 'Services' },
  { path: 'availability', label: 'Availability' },
] as const;

export function ProviderConsole() {
  usePageTitle('Provider console');
  return (
    <RequireSignIn reason="Run your business">
      <ProviderArea />
    </RequireSignIn>
  );
}

function ProviderArea() {
  const { viewer } = useAuth();
  const area =
    useLocation()
      .pathname.replace(/^\/provider\/?/, '')
      .split('/')[0] ?? '';
  const providerId = viewer?.provider?.id;
  if (!providerId) {
    return (
      <Container size="sm" py="xl">
        <Alert title="No business yet" color="yellow">
          This console is for providers. Open a business from your account page first.
        </Alert>
      </Container>
    );
  }
  return (
    <Container size="xl" py="lg">
      <Title order={1} size="h2" mb="md">
        Provider console
      </Title>
      <Group component="nav" aria-label="Console areas" gap="xs" mb="lg">
        {AREAS.map((a) => (
          <Button
            key={a.path}
            component={Link}
            to={`/provider/${a.path}`}
            variant={area === a.path ? 'filled' : 'subtle'}
            aria-current={area === a.path ? 'page' : undefined}
          >
            {a.label}
          </Button>
        ))}
      </Group>
      <Routes>
        <Route index element={<RequestsScreen />} />
        <Route path="services" element={<ServicesScreen providerId={providerId} />} />
        <Route path="availability" element={<AvailabilityScreen providerId={providerId} />} />
      </Routes>
    </Container>
  );
}
