// Payments the gateway flagged (risk_level 1) wait here: the money was taken but the booking
// is not confirmed until an admin confirms the payment, or refunds it in full.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { DataTable } from '../app/DataTable';
import { errorMessage } from '../app/screen-states';
import {
  AdminConfirmHeldPaymentDocument,
  AdminHeldPaymentsDocument,
  AdminRefundDocument,
  type AdminHeldPaymentsQuery,
} from '../gql/graphql';
import { remainingOf } from './refundable';

type HeldPayment = AdminHeldPaymentsQuery['payments']['edges'][number]['node'];

export function HeldPaymentsScreen() {
  const held = useQuery(AdminHeldPaymentsDocument, { fetchPolicy: 'cache-and-network' });
  const [confirm] = useMutation(AdminConfirmHeldPaymentDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<HeldPayment | null>(null);

  const confirmOne = async (p: HeldPayment) => {
    setBusy(p.id);
    try {
      const r = await confirm({ variables: { paymentId: p.id } });
      // When the slot is gone meanwhile, confirming refunds in full instead.
      const status = r.data?.confirmHeldPayment.status;
      notifications.show({
        color: status === 'PAID' ? 'green' : 'yellow',
        message:
          status === 'PAID'
            ? `Payment ${p.transactionId} confirmed; the booking is confirmed`
            : `The booking could not be confirmed; ${p.transactionId} is refunded in full`,
      });
      await held.refetch();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not confirmed', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack>
      <Text c="gray.7" size="sm">
        The gateway took these payments but flagged them as risky. Confirm one to confirm its booking, or refund it in full.
      </Text>
      <DataTable
        label="Payments held for review"
        query={held}
        items={held.data?.payments.edges.map((e) => e.node)}
        itemKey={(p) => p.id}
        empty={{ title: 'Nothing held for review', body: 'Payments the gateway flags appear here.' }}
        minWidth={760}
        columns={[
          { header: 'Transaction', cell: (p) => p.transactionId },
          {
            header: 'Booking',
            cell: (p) => (
              <>
                {p.booking.service.title}, {p.booking.customer.name}
                <Text size="xs" c="gray.7">
                  {formatDateTime(p.booking.startsAt)}
                </Text>
              </>
            ),
          },
          { header: 'Amount', cell: (p) => formatMoney(p.amount) },
          { header: 'Why held', cell: (p) => p.heldReason ?? 'Flagged by the gateway' },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (p) => (
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" loading={busy === p.id} onClick={() => void confirmOne(p)} aria-label={`Confirm ${p.transactionId}`}>
                  Confirm
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  color="red"
                  onClick={() => setRefusing(p)}
                  aria-label={`Refund ${p.transactionId} in full`}
                >
                  Refund in full
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <Modal opened={refusing !== null} onClose={() => setRefusing(null)} title="Refund a held payment in full">
        {refusing && (
          <RefuseForm
            payment={refusing}
            onDone={() => {
              setRefusing(null);
              void held.refetch();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RefuseForm({ payment, onDone }: { payment: HeldPayment; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const all = { amount: remainingOf(payment), currency: payment.amount.currency };
  const [refund, { loading }] = useMutation(AdminRefundDocument);
  const submit = async () => {
    try {
      // No amount: all of it. The booking is never confirmed.
      await refund({ variables: { paymentId: payment.id, amount: null, reason } });
      notifications.show({ color: 'green', message: `Refund of ${formatMoney(all)} started` });
      onDone();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not refunded', message: errorMessage(e) });
    }
  };
  return (
    <Stack>
      <Text size="sm">
        {formatMoney(all)} goes back to {payment.booking.customer.name}; the booking is not confirmed.
      </Text>
      <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Group>
        <Button color="red" onClick={() => void submit()} loading={loading} disabled={!reason.trim()}>
          Refund {formatMoney(all)}
        </Button>
      </Group>
    </Stack>
  );
}
