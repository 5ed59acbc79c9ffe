// The shell every screen sits in: a header with the brand, a search field, the
// notifications bell and the account menu; the screen below it.
import { ACCENT } from '../theme';
import { Anchor, AppShell, Container, Group, Text } from '@mantine/core';
import { Suspense } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { NotificationBell } from '../../notifications/NotificationBell';
import { LiveNotifications } from '../../notifications/LiveNotifications';
import { AccountMenu } from './AccountMenu';
import { HeaderSearch } from './HeaderSearch';
import { PageLoading } from './PageLoading';

export function AppLayout() {
  const { pathname } = useLocation();
  const navigation = useNavigation();
  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Anchor component={Link} to="/" underline="never" aria-label="HomeSer home">
              <Text fw={800} fz="xl" c="teal.8">
                Home<span style={{ color: ACCENT }}>Ser</span>
              </Text>
            </Anchor>
            {pathname !== '/' && <HeaderSearch />}
            <Group gap="xs" wrap="nowrap">
              <NotificationBell />
              <AccountMenu />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        {navigation.state === 'loading' && <div className="route-progress" role="progressbar" aria-label="Loading page" />}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
        <Container size="lg" py="xl" component="footer">
          <Text size="xs" c="dimmed">
            HomeSer · trusted home services, booked in minutes.
          </Text>
        </Container>
      </AppShell.Main>
      <LiveNotifications />
      <ScrollRestoration />
    </AppShell>
  );
}
