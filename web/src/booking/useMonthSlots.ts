// A month of free slots for a service, kept live: when someone books, cancels or the
// provider changes hours (availabilityChanged), the month is fetched again.
import { useQuery, useSubscription } from '@apollo/client/react';
import { useMemo } from 'react';
import { AvailabilityChangedDocument, AvailableSlotsDocument } from '../gql/graphql';
import { viewerTimeZone } from '../app/format/time';
import { monthWindow, slotsByDay } from './slot-days';

export function useMonthSlots(serviceId: string, month: string) {
  const window = useMemo(() => monthWindow(month, new Date()), [month]);
  const { data, loading, error, refetch } = useQuery(AvailableSlotsDocument, {
    variables: { serviceId, from: window?.from ?? '', to: window?.to ?? '', timeZone: viewerTimeZone() },
    skip: !window,
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(AvailabilityChangedDocument, {
    variables: { serviceId },
    onData: () => void refetch(),
  });
  const days = useMemo(() => slotsByDay(data?.availableSlots ?? []), [data]);
  const capacity = data?.serviceScheduling.capacity ?? 1;
  return { days, capacity, loading: loading && !data, error, refetch, past: !window };
}
