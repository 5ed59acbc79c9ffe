// A booking's state in the consoles. Filled, so the theme's autoContrast picks black or
// white text for the colour (light badges' coloured text fell under 4.5:1 on yellow/teal).
import { Badge, type MantineSize } from '@mantine/core';
import { STATUS_LABEL } from '../booking/booking-status';
import type { BookingStatus } from '../gql/graphql';

export function BookingStatusBadge({ status, size = 'sm' }: { status: BookingStatus; size?: MantineSize }) {
  const { label, color } = STATUS_LABEL[status];
  return (
    <Badge color={color} size={size}>
      {label}
    </Badge>
  );
}
