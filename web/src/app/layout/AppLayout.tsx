// The shell every screen sits in: a header with the brand, a search field, the
// notifications bell and the account menu; the screen below it.
import { ACCENT } from '../theme';
import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { AccountMenu } from './AccountMenu';
import { PageLoading } from './PageLoading';

// Out of the first load: the bell and live notifications (a subscription and its toasts)
// only matter to someone signed in; the header's search is not shown on the home page.
const NotificationBell = lazy(() => import('../../notifications/NotificationBell').then((m) => ({ default: m.NotificationBell })));
const LiveNotifications = lazy(() => import('../../notifications/LiveNotifications').then((m) => ({ default: m.LiveNotifications })));
const HeaderSearch = lazy(() => import('./HeaderSearch').then((m) => ({ default: m.HeaderSearch })));

export function AppLayout() {
  const { viewer } = useAuth();
  const { pathname } = useLocation();
  const navigation = useNavigation();
  return (
    // A sticky header and the screen below: plain elements, since Mantine's AppShell (navbars,
    // asides, their media styles) is more than this needs in the first load.
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Box component="header" className="app-header">
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Anchor component={Link} to="/" underline="never" aria-label="HomeSer home">
              <Text fw={800} fz="xl" c="teal.8">
                Home<span style={{ color: ACCENT }}>Ser</span>
              </Text>
            </Anchor>
            {pathname !== '/' && (
              <Suspense fallback={<div className="header-search" style={{ flex: 1, maxWidth: 420 }} />}>
                <HeaderSearch />
              </Suspense>
            )}
            <Group gap="xs" wrap="nowrap">
              {viewer && (
                <Suspense>
                  <NotificationBell />
                </Suspense>
              )}
              <AccountMenu />
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main" tabIndex={-1}>
        {navigation.state === 'loading' && <div className="route-progress" role="progressbar" aria-label="Loading page" />}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
        <Container size="lg" py="xl" component="footer">
          <Text size="xs" c="dimmed">
            HomeSer · trusted home services, booked in minutes.
          </Text>
        </Container>
      </Box>
      {viewer && (
        <Suspense>
          <LiveNotifications />
        </Suspense>
      )}
      <ScrollRestoration />
    </>
  );
}
