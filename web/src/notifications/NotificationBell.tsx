import { ActionIcon, Indicator } from '@mantine/core';
import { ACCENT } from '../app/theme';
import { useQuery } from '@apollo/client/react';
import { IconBell } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAuth } from '../app/auth/AuthProvider';
import { NotificationBellDocument } from '../gql/graphql';

export function NotificationBell() {
  const { viewer } = useAuth();
  const { data } = useQuery(NotificationBellDocument, { skip: !viewer });
  if (!viewer) return null;
  const unread = data?.notifications.unreadCount ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={18} color={ACCENT} disabled={!unread} offset={4} aria-hidden={false}>
      <ActionIcon component={Link} to="/notifications" variant="subtle" size="lg" radius="xl" aria-label={label}>
        <IconBell size={22} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
