// What the customer may do with a booking now, as the API says (allowedActions): pay,
// cancel (showing the refund first), reschedule in the same calendar, review once done.
import { ACCENT } from '../app/theme';
import { Alert, Button, Group, Modal, Rating, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { formatMoney } from '../app/format/money';
import { formatDateTime } from '../app/format/time';
import { errorMessage, FailureAlert } from '../app/screen-states';
import {
  CancelBookingDocument,
  CreateReviewDocument,
  RescheduleBookingDocument,
  StartPaymentDocument,
  type BookingDetailFragment,
} from '../gql/graphql';
import { BookingCalendar, type CalendarPick } from './BookingCalendar';
import { notify } from '../app/notify';

type Dialog = 'cancel' | 'reschedule' | 'review' | null;

export function BookingActions({ booking }: { booking: BookingDetailFragment }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [startPayment, payment] = useMutation(StartPaymentDocument);
  const [payError, setPayError] = useState<string | null>(null);
  const allowed = new Set(booking.allowedActions);
  const pay = async () => {
    setPayError(null);
    try {
      const { data } = await startPayment({ variables: { bookingId: booking.id } });
      if (data) window.location.assign(data.startPayment.redirectUrl);
    } catch (error) {
      setPayError(errorMessage(error));
    }
  };
  if (!allowed.has('PAY') && !allowed.has('CANCEL') && !allowed.has('RESCHEDULE') && !allowed.has('REVIEW')) return null;
  const close = () => setDialog(null);
  return (
    <Stack gap="xs">
      <FailureAlert message={payError} title="The payment did not start" />
      <Group gap="xs">
        {allowed.has('PAY') && (
          <Button onClick={() => void pay()} loading={payment.loading} color={ACCENT}>
            Pay now {formatMoney(booking.price)}
          </Button>
        )}
        {allowed.has('REVIEW') && <Button onClick={() => setDialog('review')}>Write a review</Button>}
        {allowed.has('RESCHEDULE') && (
          <Button variant="default" onClick={() => setDialog('reschedule')}>
            Reschedule
          </Button>
        )}
        {allowed.has('CANCEL') && (
          <Button variant="default" color="red" onClick={() => setDialog('cancel')}>
            Cancel booking
          </Button>
        )}
      </Group>
      <Modal opened={dialog === 'cancel'} onClose={close} title="Cancel this booking?" centered>
        <CancelDialog booking={booking} onDone={close} />
      </Modal>
      <Modal opened={dialog === 'reschedule'} onClose={close} title="Move to another time" size="xl" centered>
        <RescheduleDialog booking={booking} onDone={close} />
      </Modal>
      <Modal opened={dialog === 'review'} onClose={close} title={`Review ${booking.provider.businessName}`} centered>
        <ReviewDialog booking={booking} onDone={close} />
      </Modal>
    </Stack>
  );
}

function CancelDialog({ booking, onDone }: { booking: BookingDetailFragment; onDone(): void }) {
  const [cancel, { loading }] = useMutation(CancelBookingDocument);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const refund = booking.cancellationRefund;
  const confirm = async () => {
    try {
      await cancel({ variables: { id: booking.id, reason: reason.trim() || null } });
      const message = refund?.amount ? `${formatMoney(refund)} is on its way back to you.` : 'The slot is free again.';
      notify({ color: 'teal', title: 'Booking cancelled', message });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <Stack>
      <Text>
        {booking.service.title}, {formatDateTime(booking.startsAt)}.
      </Text>
      <Alert color={refund?.amount ? 'teal' : 'gray'} title={refund ? `Refund: ${formatMoney(refund)}` : 'Nothing to refund'}>
        {refundExplanation(refund, booking.price)}
      </Alert>
      <Textarea label="Reason (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
      <FailureAlert message={failure} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Keep booking
        </Button>
        <Button color="red" loading={loading} onClick={() => void confirm()}>
          Yes, cancel booking
        </Button>
      </Group>
    </Stack>
  );
}

function RescheduleDialog({ booking, onDone }: { booking: BookingDetailFragment; onDone(): void }) {
  const [reschedule, { loading }] = useMutation(RescheduleBookingDocument);
  const [pick, setPick] = useState<CalendarPick>({ day: null, slot: null });
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = async () => {
    if (!pick.slot) return;
    try {
      await reschedule({ variables: { id: booking.id, startsAt: pick.slot } });
      notify({ color: 'teal', title: 'Booking moved', message: `Now ${formatDateTime(pick.slot)}.` });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <Stack>
      <Text size="sm">Now: {formatDateTime(booking.startsAt)}. Your price and payment stay as they are.</Text>
      <BookingCalendar serviceId={booking.service.id} providerTimeZone={booking.provider.timeZone} {...pick} onChange={setPick} />
      <FailureAlert message={failure} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Keep the current time
        </Button>
        <Button disabled={!pick.slot} loading={loading} onClick={() => void confirm()}>
          {pick.slot ? `Move to ${formatDateTime(pick.slot)}` : 'Move booking'}
        </Button>
      </Group>
    </Stack>
  );
}

function ReviewDialog({ booking, onDone }: { booking: BookingDetailFragment; onDone(): void }) {
  const [createReview, { loading }] = useMutation(CreateReviewDocument, { refetchQueries: ['Booking', 'MyBookings'] });
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    if (!rating) return setFailure('Choose from 1 to 5 stars');
    try {
      await createReview({ variables: { bookingId: booking.id, rating, comment: comment.trim() || null } });
      notify({ color: 'teal', title: 'Thank you', message: 'Your review is published.' });
      onDone();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <Stack>
      <div>
        <Text size="sm" fw={500} id="stars-label" mb={4}>
          Your rating
        </Text>
        <Rating value={rating} onChange={setRating} size="lg" aria-labelledby="stars-label" />
      </div>
      <Textarea
        label="What went well, or not?"
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        minRows={3}
        maxLength={2000}
      />
      <FailureAlert message={failure} />
      <Group justify="flex-end">
        <Button loading={loading} onClick={() => void submit()}>
          Submit review
        </Button>
      </Group>
    </Stack>
  );
}

function refundExplanation(refund: BookingDetailFragment['cancellationRefund'], price: BookingDetailFragment['price']): string {
  if (!refund) return 'Nothing has been paid for this booking, so nothing is charged or refunded.';
  if (refund.amount === price.amount) return 'You get the full price back.';
  if (refund.amount === 0) return 'This close to the start the cancellation policy refunds nothing.';
  return `By the cancellation policy you get ${formatMoney(refund)} of ${formatMoney(price)} back.`;
}
