import { Anchor, Badge, Card, Group, Image, Stack, Text } from '@mantine/core';
import { ACCENT } from '../app/theme';
import { Link } from 'react-router';
import { formatMoney } from '../app/format/money';
import { formatDateTime, formatDuration } from '../app/format/time';
import type { BookingDetailFragment } from '../gql/graphql';
import { BookingActions } from './BookingActions';
import { STATUS_LABEL } from './booking-status';
import { useCountdown } from './useCountdown';

export function StatusBadge({ status }: { status: BookingDetailFragment['status'] }) {
  const { label, color } = STATUS_LABEL[status];
  return (
    <Badge color={color} size="lg">
      {label}
    </Badge>
  );
}

export function HoldCountdown({ booking }: { booking: BookingDetailFragment }) {
  const left = useCountdown(booking.status === 'PENDING_PAYMENT' ? booking.holdExpiresAt : null);
  if (!left) return null;
  return (
    <Text size="sm" c={ACCENT} fw={600} role="timer" aria-live="off">
      Slot held for {left}: pay before it runs out.
    </Text>
  );
}

/** One booking in the list: what, when, with whom, its state, and what can be done now. */
export function BookingSummary({ booking }: { booking: BookingDetailFragment }) {
  const image = booking.service.images[0];
  const refunded = booking.payment?.refunds ?? [];
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      aria-label={`${booking.service.title}, ${formatDateTime(booking.startsAt)}`}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        {image && <Image src={image.url} alt="" w={96} h={64} radius="sm" visibleFrom="xs" />}
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to={`/bookings/${booking.id}`} fw={600}>
              {booking.service.title}
            </Anchor>
            <StatusBadge status={booking.status} />
          </Group>
          <Text size="sm">
            {formatDateTime(booking.startsAt)} · {formatDuration(booking.service.durationMinutes)} · {booking.provider.businessName}
          </Text>
          <Text size="sm" fw={600}>
            {formatMoney(booking.price)}
          </Text>
          {refunded.map((r) => (
            <Text key={r.id} size="sm" c="teal.9">
              Refund {formatMoney(r.amount)}: {r.status.toLowerCase().replace('_', ' ')}
            </Text>
          ))}
          <HoldCountdown booking={booking} />
          <BookingActions booking={booking} />
        </Stack>
      </Group>
    </Card>
  );
}
