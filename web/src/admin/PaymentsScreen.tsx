// Payments and their refunds; an admin refunds all or part of what remains. Amounts are
// typed in taka and sent in poisha: 250.50 → 25050.
import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { ErrorNotice } from '../app/screen-states';
import { AdminPaymentsDocument, AdminRefundDocument, type AdminPaymentFragment, type PaymentStatus } from '../gql/graphql';

const STATUSES: PaymentStatus[] = ['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'REFUND_PENDING', 'INITIATED', 'FAILED', 'CANCELLED'];

/** What can still be refunded: the amount less every refund not FAILED. */
export const remainingOf = (p: AdminPaymentFragment) =>
  p.amount.amount - p.refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount.amount, 0);

export function PaymentsScreen() {
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const { data, error, refetch } = useQuery(AdminPaymentsDocument, {
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
        data={STATUSES}
        value={status}
        onChange={(v) => setStatus(v as PaymentStatus | null)}
        w={240}
      />
      {error && <ErrorNotice error={error} retry={refetch} />}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Paid</Table.Th>
            <Table.Th>Booking</Table.Th>
            <Table.Th>Amount</Table.Th>
            <Table.Th>Refunded</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.payments.edges.map(({ node: p }) => {
            const remaining = remainingOf(p);
            return (
              <Table.Tr key={p.id}>
                <Table.Td>{p.paidAt ? formatDateTime(p.paidAt) : '—'}</Table.Td>
                <Table.Td>
                  {p.booking.service.title}, {p.booking.customer.name}
                  <Text size="xs" c="gray.7">
                    {p.transactionId}
                  </Text>
                </Table.Td>
                <Table.Td>{formatMoney(p.amount)}</Table.Td>
                <Table.Td>{formatMoney({ amount: p.amount.amount - remaining, currency: p.amount.currency })}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{p.status}</Badge>
                </Table.Td>
                <Table.Td>
                  {remaining > 0 && ['PAID', 'PARTIALLY_REFUNDED'].includes(p.status) && (
                    <Button size="xs" variant="light" onClick={() => setRefunding(p)} aria-label={`Refund ${p.transactionId}`}>
                      Refund
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Modal opened={refunding !== null} onClose={() => setRefunding(null)} title="Refund a payment">
        {refunding && (
          <RefundForm
            payment={refunding}
            onDone={() => {
              setRefunding(null);
              void refetch();
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
