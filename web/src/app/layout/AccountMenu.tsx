import { Avatar, Button, Group } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { initials } from './initials';

// The menu (popover, focus trap, positioning) is only downloaded for people signed in.
const SignedInMenu = lazy(() => import('./SignedInMenu').then((m) => ({ default: m.SignedInMenu })));

export function AccountMenu() {
  const { viewer } = useAuth();
  const location = useLocation();
  if (viewer === undefined) return <Avatar radius="xl" size={36} aria-hidden />;
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
    <Suspense
      fallback={
        <Avatar src={viewer.avatarUrl} alt="" radius="xl" size={36} color="teal" variant="filled">
          {initials(viewer.name)}
        </Avatar>
      }
    >
      <SignedInMenu viewer={viewer} />
    </Suspense>
  );
}
