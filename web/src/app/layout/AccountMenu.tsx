import { Avatar, Button, Group, Menu, UnstyledButton } from '@mantine/core';
import { IconCalendarEvent, IconLayoutDashboard, IconLogout, IconShieldLock, IconUser } from '@tabler/icons-react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';

export function AccountMenu() {
  const { viewer, signOut } = useAuth();
  const navigate = useNavigate();
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
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${viewer.name}`} className="account-button">
          <Avatar src={viewer.avatarUrl} alt="" radius="xl" size={36} color="teal">
            {initials(viewer.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{viewer.name}</Menu.Label>
        <Menu.Item component={Link} to="/bookings" leftSection={<IconCalendarEvent size={16} aria-hidden />}>
          My bookings
        </Menu.Item>
        <Menu.Item component={Link} to="/account" leftSection={<IconUser size={16} aria-hidden />}>
          Account
        </Menu.Item>
        {viewer.role !== 'CUSTOMER' && (
          <Menu.Item component={Link} to="/provider" leftSection={<IconLayoutDashboard size={16} aria-hidden />}>
            Provider console
          </Menu.Item>
        )}
        {viewer.role === 'ADMIN' && (
          <Menu.Item component={Link} to="/admin" leftSection={<IconShieldLock size={16} aria-hidden />}>
            Admin
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut().then(() => navigate('/'))}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
