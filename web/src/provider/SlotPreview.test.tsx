// @vitest-environment jsdom
// The slot preview names what it shows (a list of days, each a list of times in the
// provider's zone) with roles, not aria-label on plain boxes (axe: aria-prohibited-attr).
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { renderForTest } from '../console/render-for-test';
import { SlotPreviewDocument } from '../gql/graphql';
import { SlotPreview } from './SlotPreview';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

it("lists each day's free times in the provider's zone", async () => {
  vi.useFakeTimers({ now: new Date('2026-12-03T02:00:00Z'), toFake: ['Date'] });
  const slot = (startsAt: string) => ({ __typename: 'Slot', startsAt, endsAt: startsAt });
  const mocks = [
    {
      request: {
        query: SlotPreviewDocument,
        variables: { serviceId: 's1', from: '2026-12-03T02:00:00.000Z', to: '2026-12-17T02:00:00.000Z' },
      },
      result: { data: { availableSlots: [slot('2026-12-03T03:00:00Z'), slot('2026-12-03T04:00:00Z'), slot('2026-12-05T18:30:00Z')] } },
      maxUsageCount: 2,
    },
  ];
  renderForTest(<SlotPreview services={[{ id: 's1', title: 'Deep cleaning' }]} timeZone="Asia/Dhaka" version={0} />, mocks);
  const preview = screen.getByRole('list', { name: 'Slot preview' });
  const days = await within(preview).findAllByRole('listitem', { name: /^Slots on / }, { timeout: 10_000 });
  expect(days.map((d) => d.getAttribute('aria-label')?.replace(/^Slots on (\w+),/, 'Slots on $1'))).toEqual([
    'Slots on Thu 3 Dec 2026',
    'Slots on Sun 6 Dec 2026', // 18:30Z on the 5th is 00:30 on the 6th in Dhaka
  ]);
  expect(
    within(days[0]!)
      .getAllByRole('listitem')
      .map((t) => t.textContent),
  ).toEqual(['09:00', '10:00']);
  expect(
    within(days[1]!)
      .getAllByRole('listitem')
      .map((t) => t.textContent),
  ).toEqual(['00:30']);
}, 30_000);
