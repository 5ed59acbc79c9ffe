// While someone is signed in, new notifications arrive over the subscription: the bell's
// count and the list update, and a toast says what happened.
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useAuth } from '../app/auth/AuthProvider';
import { notify } from '../app/notify';
import { NotificationAddedDocument, NotificationBellDocument, NotificationsDocument } from '../gql/graphql';

export function LiveNotifications() {
  const { viewer } = useAuth();
  const client = useApolloClient();
  useSubscription(NotificationAddedDocument, {
    skip: !viewer,
    onData: ({ data }) => {
      const note = data.data?.notificationAdded;
      if (!note) return;
      client.cache.updateQuery({ query: NotificationBellDocument }, (bell) =>
        bell ? { notifications: { ...bell.notifications, unreadCount: bell.notifications.unreadCount + 1 } } : bell,
      );
      void client.refetchQueries({ include: [NotificationsDocument] });
      notify({ title: note.title, message: note.body, color: 'teal' });
    },
  });
  return null;
}
