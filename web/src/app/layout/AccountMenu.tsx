import { Button, Group, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';

// The menu (popover, focus trap, positioning, the avatar) is only downloaded for people signed in.
const SignedInMenu = lazy(() => import('./SignedInMenu').then((m) => ({ default: m.SignedInMenu })));

export function AccountMenu() {
  const { viewer } = useAuth();
  const location = useLocation();
  const placeholder = <Skeleton circle height={36} aria-hidden />;
  if (viewer === undefined) return placeholder;
  if (!viewer) {
    const back = encodeURIComponent(location.pathname + location.search);
    return (
      <Group gap={6} wrap="nowrap">
        <Button component={Link} to={`/sign-in?next=${back}`} variant="subtle" size="sm" px="xs">
          Sign in
        </Button>
        <Button component={Link} to={`/register?next=${back}`} size="sm" visibleFrom="xs">
          Register
        </Button>
      </Group>
    );
  }
  return (
    <Suspense fallback={placeholder}>
      <SignedInMenu viewer={viewer} />
    </Suspense>
  );
}
