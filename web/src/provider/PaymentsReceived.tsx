// What customers paid for the provider's bookings and what went back to them: one row a
// payment, its refunds with their reasons, and what the provider keeps (amount less every
// refund that did not fail). Bookings from 90 days ago onwards.
import { Badge, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { DataTable } from '../app/DataTable';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { ProviderPaymentsDocument, type PaymentStatus, type ProviderPaidBookingFragment } from '../gql/graphql';

const DAY_MS = 86_400_000;
const RECEIVED: PaymentStatus[] = ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'REFUND_PENDING', 'HELD_FOR_REVIEW'];
const STATUS: Partial<Record<PaymentStatus, { label: string; color: string }>> = {
  PAID: { label: 'Paid', color: 'teal' },
  PARTIALLY_REFUNDED: { label: 'Partly refunded', color: 'yellow' },
  REFUNDED: { label: 'Refunded', color: 'gray' },
  REFUND_PENDING: { label: 'Refund pending', color: 'orange' },
  HELD_FOR_REVIEW: { label: 'Held for review', color: 'red' },
};

type Paid = ProviderPaidBookingFragment & { payment: NonNullable<ProviderPaidBookingFragment['payment']> };

/** Minor units refunded of the payment: every refund that did not fail. */
export const refundedOf = (payment: Paid['payment']) =>
  payment.refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount.amount, 0);

export function PaymentsReceived({ zone }: { zone: string }) {
  const from = useMemo(() => new Date(Date.now() - 90 * DAY_MS).toISOString(), []);
  const payments = useQuery(ProviderPaymentsDocument, { variables: { from }, fetchPolicy: 'cache-and-network' });
  const paid = payments.data?.providerBookings.edges
    .map((e) => e.node)
    .filter((b): b is Paid => !!b.payment && RECEIVED.includes(b.payment.status))
    .sort((a, b) => (b.payment.paidAt ?? '').localeCompare(a.payment.paidAt ?? ''));
  return (
    <Stack component="section" aria-labelledby="payments-heading">
      <Title order={2} size="h3" id="payments-heading">
        Payments and refunds
      </Title>
      <DataTable
        label="Payments and refunds"
        query={payments}
        items={paid}
        itemKey={(b) => b.payment.id}
        empty={{ title: 'No payments yet', body: 'Payments for your bookings appear here once customers pay.' }}
        columns={[
          { header: 'Paid', cell: (b) => (b.payment.paidAt ? formatDateTime(b.payment.paidAt, zone) : '—') },
          {
            header: 'Booking',
            cell: (b) => (
              <>
                {b.service.title} for {b.customer.name}
                <Text size="xs" c="gray.7">
                  {formatDateTime(b.startsAt, zone)} · {b.payment.transactionId}
                </Text>
              </>
            ),
          },
          { header: 'Amount', cell: (b) => formatMoney(b.payment.amount) },
          {
            header: 'Refunds',
            cell: (b) =>
              b.payment.refunds.length === 0
                ? '—'
                : b.payment.refunds.map((r) => (
                    <Text key={r.id} size="sm">
                      {formatMoney(r.amount)} {r.status === 'REFUNDED' ? '' : `(${r.status.toLowerCase()})`}
                      <Text span size="xs" c="gray.7">
                        {' '}
                        {r.reason}
                      </Text>
                    </Text>
                  )),
          },
          {
            header: 'You keep',
            cell: (b) => formatMoney({ amount: b.payment.amount.amount - refundedOf(b.payment), currency: b.payment.amount.currency }),
          },
          {
            header: 'Status',
            cell: (b) => {
              const s = STATUS[b.payment.status] ?? { label: b.payment.status, color: 'gray' };
              return <Badge color={s.color}>{s.label}</Badge>;
            },
          },
        ]}
      />
    </Stack>
  );
}
