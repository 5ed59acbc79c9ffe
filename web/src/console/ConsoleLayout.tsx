// The shell both consoles share: sign-in, a gate on who may use it, the title and the
// area navigation (the current area marked for assistive technology), then the area.
import { Alert, Button, Container, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { RequireSignIn } from '../account/RequireSignIn';
import { useAuth } from '../app/auth/AuthProvider';
import { usePageTitle } from '../app/page-title';
import type { ViewerFragment } from '../gql/graphql';

export interface ConsoleArea {
  /** Below the console's base path; '' is its index. */
  path: string;
  label: string;
}

export interface ConsoleRefusal {
  title: string;
  message: string;
}

interface ConsoleProps {
  title: string;
  /** e.g. '/provider' */
  base: string;
  areas: readonly ConsoleArea[];
  /** Why this viewer may not use the console, or null when they may. */
  refuse: (viewer: ViewerFragment) => ConsoleRefusal | null;
  /** The areas' routes, given the signed-in viewer. */
  children: (viewer: ViewerFragment) => ReactNode;
}

export function ConsoleLayout({ signInReason, ...shell }: ConsoleProps & { signInReason: string }) {
  usePageTitle(shell.title);
  return (
    <RequireSignIn reason={signInReason}>
      <ConsoleShell {...shell} />
    </RequireSignIn>
  );
}

function ConsoleShell({ title, base, areas, refuse, children }: ConsoleProps) {
  const { viewer } = useAuth();
  const { pathname } = useLocation();
  const current = pathname.slice(base.length).replace(/^\//, '').split('/')[0] ?? '';
  if (!viewer) return null;
  const refusal = refuse(viewer);
  if (refusal) {
    return (
      <Container size="sm" py="xl">
        <Alert title={refusal.title} color="yellow">
          {refusal.message}
        </Alert>
      </Container>
    );
  }
  return (
    <Container size="xl" py="lg">
      <Title order={1} size="h2" mb="md">
        {title}
      </Title>
      <Group component="nav" aria-label="Console areas" gap="xs" mb="lg">
        {areas.map((a) => (
          <Button
            key={a.path}
            component={Link}
            to={`${base}/${a.path}`}
            variant={current === a.path ? 'filled' : 'subtle'}
            aria-current={current === a.path ? 'page' : undefined}
          >
            {a.label}
          </Button>
        ))}
      </Group>
      {children(viewer)}
    </Container>
  );
}
