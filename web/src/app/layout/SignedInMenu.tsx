import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { IconCalendarEvent, IconLayoutDashboard, IconLogout, IconShieldLock, IconUser } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { ViewerFragment } from '../../gql/graphql';
import { useAuth } from '../auth/AuthProvider';
import { initials } from './initials';

export function SignedInMenu({ viewer }: { viewer: ViewerFragment }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return (
    // No focus placeholder inside role="menu" (axe: aria-required-children, a menu holds only
    // menu items); opening focuses the first item instead, as the menu button pattern asks.
    <Menu position="bottom-end" width={220} withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${viewer.name}`} className="account-button">
          <Avatar src={viewer.avatarUrl} alt="" radius="xl" size={36} color="teal" variant="filled">
            {initials(viewer.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/bookings" data-autofocus leftSection={<IconCalendarEvent size={16} aria-hidden />}>
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
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut().then(() => navigate('/'))}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
