// Which notifications also come by email, one switch per kind. In-app notifications always
// come; only the email copy is turned off. Each switch saves on its own.
import { Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { notify } from '../app/notify';
import { errorMessage, ErrorNotice } from '../app/screen-states';
import { NotificationPreferencesDocument, SetNotificationEmailDocument, type NotificationKind } from '../gql/graphql';

/** What each kind is about, as the person receiving it would say it. A new kind must be named here. */
const KIND_LABEL: Record<NotificationKind, string> = {
  BOOKING_REQUESTED: 'A customer requests a booking (providers)',
  BOOKING_ACCEPTED: 'Your booking request is accepted',
  BOOKING_REJECTED: 'Your booking request is declined',
  HOLD_EXPIRING: 'An unpaid booking is about to lapse',
  BOOKING_EXPIRED: 'A booking expired',
  BOOKING_CANCELLED: 'A booking is cancelled',
  BOOKING_RESCHEDULED: 'A booking is moved to another time',
  BOOKING_REMINDER: 'Reminder the day before a visit',
  PAYMENT_SUCCEEDED: 'A payment went through',
  PAYMENT_FAILED: 'A payment failed',
  PAYMENT_HELD: 'A payment is held for review',
  PAYMENT_REFUNDED: 'A refund is made',
  REVIEW_RECEIVED: 'A customer reviews you (providers)',
  WAITLIST_OFFER: 'A place you waited for is free',
};

export function EmailPreferences() {
  const { data, error, refetch } = useQuery(NotificationPreferencesDocument);
  const [setEmail] = useMutation(SetNotificationEmailDocument);
  const [saving, setSaving] = useState<NotificationKind | null>(null);
  if (error) return <ErrorNotice error={error} retry={refetch} />;
  const toggle = async (kind: NotificationKind, email: boolean) => {
    setSaving(kind);
    try {
      await setEmail({
        variables: { kind, email },
        // The answer is the whole list: it replaces the cached one.
        update: (cache, { data: saved }) => {
          if (saved)
            cache.writeQuery({ query: NotificationPreferencesDocument, data: { notificationPreferences: saved.setNotificationEmail } });
        },
      });
    } catch (e) {
      notify({ color: 'red', title: 'Not saved', message: errorMessage(e) });
    } finally {
      setSaving(null);
    }
  };
  return (
    <Stack gap="xs" role="group" aria-label="Email me when">
      <Text size="sm" c="gray.7">
        Email me when… (you always see every notification in the app)
      </Text>
      {data?.notificationPreferences.map((p) => (
        <Switch
          key={p.kind}
          label={KIND_LABEL[p.kind]}
          checked={p.email}
          disabled={saving === p.kind}
          onChange={(e) => void toggle(p.kind, e.currentTarget.checked)}
        />
      ))}
    </Stack>
  );
}
