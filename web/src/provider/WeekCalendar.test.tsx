// @vitest-environment jsdom
// The week calendar as a person meets it: seven named day columns in the provider's zone,
// each booking a link named by its local time, service, customer and state; the week moves.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderForTest } from '../console/render-for-test';
import { ProviderWeekDocument, type ProviderBookingFragment } from '../gql/graphql';
import { WeekCalendar } from './WeekCalendar';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A day's name however this runtime's ICU punctuates it: "Thu 3 Dec 2026" or "Thu, 3 Dec 2026". */
const dayName = (text: string, after = '', before = '') => new RegExp(`^${before}${text.replace(' ', ',? ')}${after}$`);

const booking = (id: string, startsAt: string, endsAt: string, status: ProviderBookingFragment['status']): ProviderBookingFragment => ({
  __typename: 'Booking',
  id,
  status,
  startsAt,
  endsAt,
  answerBy: null,
  holdExpiresAt: null,
  notes: null,
  allowedActions: [],
  price: { __typename: 'Money', amount: 150_000, currency: 'BDT' },
  service: { __typename: 'Service', id: `s-${id}`, title: 'Deep cleaning' },
  customer: { __typename: 'User', id: `c-${id}`, name: 'Rahim' },
});

const weekOf = (from: string, to: string, bookings: ProviderBookingFragment[]) => ({
  request: { query: ProviderWeekDocument, variables: { from, to } },
  result: {
    data: {
      providerBookings: {
        __typename: 'BookingConnection',
        totalCount: bookings.length,
        edges: bookings.map((node) => ({ __typename: 'BookingEdge', node })),
      },
    },
  },
});

describe('WeekCalendar', () => {
  it("shows Monday to Sunday in the provider's zone with each booking at its local time, and moves a week at a time", async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T02:00:00Z'), toFake: ['Date'] }); // Thu 08:00 in Dhaka
    const thisWeek = () =>
      // Mon 30 Nov to Sun 6 Dec, Dhaka midnights.
      weekOf('2026-11-29T18:00:00.000Z', '2026-12-06T18:00:00.000Z', [
        booking('a', '2026-12-03T03:30:00Z', '2026-12-03T04:30:00Z', 'CONFIRMED'), // Thu 09:30
        booking('b', '2026-12-06T17:00:00Z', '2026-12-06T18:00:00Z', 'REQUESTED'), // Sun 23:00 (Monday in UTC+7 and beyond)
      ]);
    // This week twice: coming back to it reads it again (cache-and-network).
    const mocks = [thisWeek(), weekOf('2026-12-06T18:00:00.000Z', '2026-12-13T18:00:00.000Z', []), thisWeek()];
    renderForTest(<WeekCalendar zone="Asia/Dhaka" />, mocks);
    expect(screen.getByRole('heading', { name: dayName('Mon 30 Nov 2026', '', 'Week of ') })).toBeTruthy();
    const days = screen.getAllByRole('list').map((d) => d.getAttribute('aria-label')?.replace(/^(\w+),/, '$1'));
    expect(days).toEqual([
      'Mon 30 Nov 2026',
      'Tue 1 Dec 2026',
      'Wed 2 Dec 2026',
      'Thu 3 Dec 2026, today',
      'Fri 4 Dec 2026',
      'Sat 5 Dec 2026',
      'Sun 6 Dec 2026',
    ]);
    const thursday = screen.getByRole('list', { name: dayName('Thu 3 Dec 2026', ', today') });
    const link = await within(thursday).findByRole('link', { name: '09:30–10:30 Deep cleaning for Rahim, Confirmed' }, { timeout: 10_000 });
    expect(link.getAttribute('href')).toBe('/bookings/a');
    const sunday = screen.getByRole('list', { name: dayName('Sun 6 Dec 2026') });
    expect(within(sunday).getByRole('link', { name: /^23:00–00:00 Deep cleaning for Rahim, Awaiting provider$/ })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: dayName('Mon 30 Nov 2026') })).getByRole('listitem').textContent).toBe('No bookings');

    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(screen.getByRole('heading', { name: dayName('Mon 7 Dec 2026', '', 'Week of ') })).toBeTruthy();
    expect(await screen.findAllByText('Free')).toHaveLength(7);
    fireEvent.click(screen.getByRole('button', { name: 'This week' }));
    expect(screen.getByRole('heading', { name: dayName('Mon 30 Nov 2026', '', 'Week of ') })).toBeTruthy();
  }, 30_000);
});
