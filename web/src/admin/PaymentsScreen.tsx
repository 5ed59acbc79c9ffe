// Payments and their refunds; an admin refunds all or part of what remains. Amounts are
// typed in taka and sent in poisha: 250.50 → 25050.
import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { DataTable } from '../app/DataTable';
import { AdminPaymentsDocument, AdminRefundDocument, type AdminPaymentFragment, type PaymentStatus } from '../gql/graphql';
import { PAYMENT_STATUS, PaymentStatusBadge } from './PaymentStatusBadge';
import { refundable, remainingOf } from './refundable';

export function PaymentsScreen() {
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const payments = useQuery(AdminPaymentsDocument, {
    variables: { status: status ? [status] : null },
    fetchPolicy: 'cache-and-network',
  });
  const [refunding, setRefunding] = useState<AdminPaymentFragment | null>(null);
  return (
    <Stack>
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        data={Object.entries(PAYMENT_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        value={status}
        onChange={(v) => setStatus(v as PaymentStatus | null)}
        w={240}
      />
      <DataTable
        label="Payments"
        query={payments}
        items={payments.data?.payments.edges.map((e) => e.node)}
        itemKey={(p) => p.id}
        empty={{ title: 'No payments', body: status ? 'None has this status.' : 'Payments appear here as customers pay.' }}
        columns={[
          { header: 'Paid', cell: (p) => (p.paidAt ? formatDateTime(p.paidAt) : '—') },
          {
            header: 'Booking',
            cell: (p) => (
              <>
                {p.booking.service.title}, {p.booking.customer.name}
                <Text size="xs" c="gray.7">
                  {p.transactionId}
                </Text>
              </>
            ),
          },
          { header: 'Amount', cell: (p) => formatMoney(p.amount) },
          { header: 'Refunded', cell: (p) => formatMoney({ amount: p.amount.amount - remainingOf(p), currency: p.amount.currency }) },
          {
            header: 'Can refund',
            cell: (p) => (refundable(p) ? formatMoney({ amount: remainingOf(p), currency: p.amount.currency }) : '—'),
          },
          { header: 'Status', cell: (p) => <PaymentStatusBadge status={p.status} /> },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (p) =>
              refundable(p) && (
                <Button size="xs" variant="default" onClick={() => setRefunding(p)} aria-label={`Refund ${p.transactionId}`}>
                  Refund
                </Button>
              ),
          },
        ]}
      />
      <Modal opened={refunding !== null} onClose={() => setRefunding(null)} title="Refund a payment">
        {refunding && (
          <RefundForm
            payment={refunding}
            onDone={() => {
              setRefunding(null);
              void payments.refetch();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RefundForm({ payment, onDone }: { payment: AdminPaymentFragment; onDone: () => void }) {
  const remaining = remainingOf(payment);
  const [amount, setAmount] = useState<number | string>(remaining / 100);
  const [reason, setReason] = useState('');
  const [refund, { loading }] = useMutation(AdminRefundDocument);
  const submit = async () => {
    try {
      await refund({ variables: { paymentId: payment.id, amount: Math.round(Number(amount) * 100), reason } });
      notifications.show({
        color: 'green',
        message: `Refund of ${formatMoney({ amount: Math.round(Number(amount) * 100), currency: payment.amount.currency })} started`,
      });
      onDone();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not refunded', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Stack>
      <Text size="sm">
        Paid {formatMoney(payment.amount)}; {formatMoney({ amount: remaining, currency: payment.amount.currency })} can still be refunded.
      </Text>
      <NumberInput label="Amount to refund (৳)" min={0.01} max={remaining / 100} decimalScale={2} value={amount} onChange={setAmount} />
      <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Group>
        <Button onClick={() => void submit()} loading={loading} disabled={!reason.trim() || !(Number(amount) > 0)}>
          Refund
        </Button>
      </Group>
    </Stack>
  );
}
