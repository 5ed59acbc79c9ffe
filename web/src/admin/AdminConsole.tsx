// The admin console: people, bookings, payments and refunds, categories, analytics.
// Lazy-loaded with its own routes, so nobody else downloads it.
import { Alert, Button, Container, Group, Title } from '@mantine/core';
import { Link, Route, Routes, useLocation } from 'react-router';
import { RequireSignIn } from '../account/RequireSignIn';
import { useAuth } from '../app/auth/AuthProvider';
import { usePageTitle } from '../app/page-title';
import { AnalyticsScreen } from './AnalyticsScreen';
import { BookingsScreen } from './BookingsScreen';
import { CategoriesScreen } from './CategoriesScreen';
import { PaymentsScreen } from './PaymentsScreen';
import { UsersScreen } from './UsersScreen';

const AREAS = [
  { path: '', label: 'Analytics' },
  { path: 'users', label: 'Users' },
  { path: 'bookings', label: 'Bookings' },
  { path: 'payments', label: 'Payments' },
  { path: 'categories', label: 'Categories' },
] as const;

export function AdminConsole() {
  usePageTitle('Admin');
  return (
    <RequireSignIn reason="Run the platform">
      <AdminArea />
    </RequireSignIn>
  );
}

function AdminArea() {
  const { viewer } = useAuth();
  const area =
    useLocation()
      .pathname.replace(/^\/admin\/?/, '')
      .split('/')[0] ?? '';
  if (viewer?.role !== 'ADMIN') {
    return (
      <Container size="sm" py="xl">
        <Alert title="Admins only" color="yellow">
          This console is for HomeSer admins.
        </Alert>
      </Container>
    );
  }
  return (
    <Container size="xl" py="lg">
      <Title order={1} size="h2" mb="md">
        Admin
      </Title>
      <Group component="nav" aria-label="Console areas" gap="xs" mb="lg">
        {AREAS.map((a) => (
          <Button
            key={a.path}
            component={Link}
            to={`/admin/${a.path}`}
            variant={area === a.path ? 'filled' : 'subtle'}
            aria-current={area === a.path ? 'page' : undefined}
          >
            {a.label}
          </Button>
        ))}
      </Group>
      <Routes>
        <Route index element={<AnalyticsScreen />} />
        <Route path="users" element={<UsersScreen />} />
        <Route path="bookings" element={<BookingsScreen />} />
        <Route path="payments" element={<PaymentsScreen />} />
        <Route path="categories" element={<CategoriesScreen />} />
      </Routes>
    </Container>
  );
}
