// @vitest-environment jsdom
// The exceptions calendar as a provider meets it: marked days named by what is special about
// them, picking a day lists its exceptions with Remove, and adding one sends that day.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { renderForTest } from '../console/render-for-test';
import { AddExceptionDocument, RemoveExceptionDocument } from '../gql/graphql';
import { ExceptionCalendar } from './ExceptionCalendar';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A day's name however this runtime's ICU punctuates it: "Thu 3 Dec 2026" or "Thu, 3 Dec 2026". */
const dayName = (text: string, after = '') => new RegExp(`^${text.replace(' ', ',? ')}${after}$`);

const exceptions = [
  { id: 'x1', date: '2026-12-10', kind: 'BLOCKED' as const, startMinute: null, endMinute: null },
  { id: 'x2', date: '2026-12-11', kind: 'BLOCKED' as const, startMinute: 720, endMinute: 780 },
  { id: 'x3', date: '2026-12-11', kind: 'EXTRA' as const, startMinute: 1080, endMinute: 1200 },
];

it("marks exception days, lists the picked day's exceptions with Remove, and adds to that day", async () => {
  // 19:00Z on the 3rd is already the 4th in Dhaka: the calendar opens on the provider's today.
  vi.useFakeTimers({ now: new Date('2026-12-03T19:00:00Z'), toFake: ['Date'] });
  const onChanged = vi.fn();
  const mocks = [
    {
      request: { query: RemoveExceptionDocument, variables: { id: 'x2' } },
      result: { data: { removeAvailabilityException: true } },
    },
    {
      request: {
        query: AddExceptionDocument,
        variables: { input: { date: '2026-12-11', kind: 'BLOCKED', startMinute: null, endMinute: null } },
      },
      result: { data: { addAvailabilityException: { __typename: 'AvailabilityException', id: 'x4' } } },
    },
  ];
  renderForTest(<ExceptionCalendar exceptions={exceptions} timeZone="Asia/Dhaka" onChanged={onChanged} />, mocks);

  expect(screen.getByText(dayName('Fri 4 Dec 2026'))).toBeTruthy();
  expect(screen.getByText('No exceptions on this day: the weekly hours apply.')).toBeTruthy();
  expect(screen.getByRole('button', { name: dayName('Thu 10 Dec 2026', ': day off') })).toBeTruthy();
  const eleventh = screen.getByRole('button', { name: dayName('Fri 11 Dec 2026', ': blocked 12:00–13:00; extra hours 18:00–20:00') });

  fireEvent.click(eleventh);
  const day = screen.getByRole('list', { name: dayName('Fri 11 Dec 2026') });
  expect(
    within(day)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual(['Blocked 12:00–13:00Remove', 'Extra hours 18:00–20:00Remove']);
  expect((screen.getByLabelText('Date') as HTMLInputElement).value).toBe('2026-12-11');

  fireEvent.click(within(day).getByRole('button', { name: 'Remove blocked 12:00–13:00' }));
  await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));

  fireEvent.click(screen.getByRole('button', { name: 'Add exception' }));
  await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));

  // Every exception stays reachable without the grid, as before.
  expect(screen.getByText('2026-12-10: day off')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Remove 2026-12-11: extra hours 18:00–20:00' })).toBeTruthy();
}, 30_000);
