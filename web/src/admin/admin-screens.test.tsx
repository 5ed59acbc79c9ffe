// @vitest-environment jsdom
// The admin screens added for issue 17, rendered against the committed schema: each
// operation is executed by graphql-js over fixtures, so the screens get exactly the shapes
// the API gives (typenames included). What a person would notice is asserted, and axe's
// ARIA and structure rules must find nothing serious (colour contrast needs a real layout:
// the browser tests check it).
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { buildSchema, execute, type ExecutionResult } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Observable } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmailPreferences } from '../account/EmailPreferences';
import { theme } from '../app/theme';
import { ApiKeysScreen } from './ApiKeysScreen';
import { EmailOutboxScreen } from './EmailOutboxScreen';
import { HeldPaymentsScreen } from './HeldPaymentsScreen';
import { PaymentsScreen } from './PaymentsScreen';

// Rendering and axe in jsdom take seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const schema = buildSchema(readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8'));

beforeAll(() => {
  // What jsdom lacks and Mantine uses.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(cleanup);

/** Every call the screen made: [operation name, variables]. */
type Calls = [string, Record<string, unknown>][];

function renderWith(ui: ReactNode, root: Record<string, unknown>) {
  const calls: Calls = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        calls.push([operation.operationName ?? '', operation.variables]);
        void Promise.resolve(execute({ schema, document: operation.query, variableValues: operation.variables, rootValue: root })).then(
          (result: ExecutionResult) => {
            observer.next(result as ApolloLink.Result);
            observer.complete();
          },
        );
      }),
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const view = render(
    <MantineProvider theme={theme}>
      <ApolloProvider client={client}>
        <MemoryRouter>{ui}</MemoryRouter>
      </ApolloProvider>
    </MantineProvider>,
  );
  return { ...view, calls };
}

async function expectNoSeriousAxeFindings(container: HTMLElement) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const money = (amount: number) => ({ amount, currency: 'BDT' });
const connection = <T extends { id: string }>(nodes: T[]) => ({
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ cursor: node.id, node })),
  pageInfo: { hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
});
const aPayment = (over: Record<string, unknown>) => ({
  id: 'p1',
  status: 'PAID',
  transactionId: 'HS-1001',
  method: 'VISA',
  paidAt: '2026-12-01T10:00:00.000Z',
  heldReason: null,
  amount: money(150_000),
  refunds: [],
  booking: {
    id: 'b1',
    status: 'CONFIRMED',
    startsAt: '2026-12-05T04:00:00.000Z',
    service: { id: 's1', title: 'Kitchen Sink Plumbing' },
    customer: { id: 'u1', name: 'Rafi Customer' },
  },
  ...over,
});

describe('payments', () => {
  it('shows what was refunded and what can still be refunded, in taka', async () => {
    const partly = aPayment({
      status: 'PARTIALLY_REFUNDED',
      refunds: [
        { id: 'r1', amount: money(10_000), status: 'REFUNDED', reason: 'Late', createdAt: '2026-12-01T11:00:00.000Z' },
        { id: 'r2', amount: money(5_000), status: 'FAILED', reason: 'Bank said no', createdAt: '2026-12-01T12:00:00.000Z' },
      ],
    });
    const { container } = renderWith(<PaymentsScreen />, { payments: () => connection([partly]) });
    const row = (await screen.findByText('HS-1001')).closest('tr')!;
    // Node's ICU may print ৳ as "BDT": compare the figures alone.
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => (c.textContent ?? '').replace(/\s|৳|BDT/g, ''));
    // 1,500 paid; 100 refunded (the failed 50 does not count); 1,400 left to refund.
    expect(cells.slice(2, 5)).toEqual(['1,500', '100', '1,400']);
    expect(within(row).getByText('Partly refunded')).toBeTruthy();
    await expectNoSeriousAxeFindings(container);
  });
});

describe('payments held for review', () => {
  it('lists a held payment with why, and confirming it takes it off the list', async () => {
    let held = [aPayment({ id: 'p2', status: 'HELD_FOR_REVIEW', transactionId: 'HS-2002', heldReason: 'Risky', paidAt: null })];
    const { container, calls } = renderWith(<HeldPaymentsScreen />, {
      payments: () => connection(held),
      confirmHeldPayment: ({ paymentId }: { paymentId: string }) => {
        held = [];
        return { id: paymentId, status: 'PAID', paidAt: '2026-12-01T13:00:00.000Z' };
      },
    });
    const row = (await screen.findByText('HS-2002')).closest('tr')!;
    expect(within(row).getByText('Risky')).toBeTruthy();
    await expectNoSeriousAxeFindings(container);
    fireEvent.click(within(row).getByRole('button', { name: 'Confirm HS-2002' }));
    expect(await screen.findByText('Nothing held for review')).toBeTruthy();
    expect(calls).toContainEqual(['AdminConfirmHeldPayment', { paymentId: 'p2' }]);
  });

  it('refunds a held payment in full, with a reason', async () => {
    const { calls } = renderWith(<HeldPaymentsScreen />, {
      payments: () => connection([aPayment({ id: 'p3', status: 'HELD_FOR_REVIEW', transactionId: 'HS-3003', heldReason: 'Risky' })]),
      refundPayment: () => ({ id: 'r9', status: 'PROCESSING', amount: money(150_000) }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Refund HS-3003 in full' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'Card reported stolen' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^Refund (৳|BDT)\s?1,500$/ }));
    await waitFor(() => expect(calls).toContainEqual(['AdminRefund', { paymentId: 'p3', amount: null, reason: 'Card reported stolen' }]));
  });
});

describe('the email outbox', () => {
  const anEmail = (over: Record<string, unknown>) => ({
    id: 'e1',
    to: 'rafi@example.com',
    subject: 'Booking confirmed — HomeSer',
    status: 'SENT',
    attempts: 1,
    lastError: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    sentAt: '2026-12-01T10:00:05.000Z',
    text: 'Hi',
    ...over,
  });

  it('offers a retry for a failed email only, says why it failed, and shows it pending once retried', async () => {
    const failed = anEmail({
      id: 'e2',
      subject: 'Your refund',
      status: 'FAILED',
      attempts: 8,
      lastError: '550 mailbox full',
      sentAt: null,
    });
    const { container, calls } = renderWith(<EmailOutboxScreen />, {
      emails: ({ status }: { status: string | null }) => connection([anEmail({}), failed].filter((m) => !status || m.status === status)),
      retryEmail: ({ id }: { id: string }) => ({ ...failed, id, status: 'PENDING', attempts: 0 }),
    });
    const row = (await screen.findByText('Your refund')).closest('tr')!;
    expect(within(row).getByText('Last attempt: 550 mailbox full')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Retry/ })).toHaveLength(1);
    await expectNoSeriousAxeFindings(container);
    fireEvent.click(within(row).getByRole('button', { name: 'Retry “Your refund” to rafi@example.com' }));
    await waitFor(() => expect(within(row).getByText('Pending')).toBeTruthy());
    expect(within(row).queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(calls).toContainEqual(['AdminRetryEmail', { id: 'e2' }]);
  });
});

describe('API keys', () => {
  it('shows a new key’s secret once, above the list that holds only its prefix', async () => {
    const keys: Record<string, unknown>[] = [];
    const { container, calls } = renderWith(<ApiKeysScreen />, {
      myApiKeys: () => keys,
      createApiKey: ({ name, scopes }: { name: string; scopes: string[] }) => {
        const apiKey = { id: 'k1', name, prefix: 'AbCd1234', scopes, createdAt: '2026-12-01T10:00:00.000Z', lastUsedAt: null };
        keys.push(apiKey);
        return { apiKey, secret: `hs_AbCd1234_${'x'.repeat(43)}` };
      },
    });
    expect(await screen.findByText('No API keys')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('New key’s name'), { target: { value: 'Booking widget' } });
    fireEvent.click(screen.getByLabelText('Read bookings'));
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText(`hs_AbCd1234_${'x'.repeat(43)}`)).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(within(table).getByText('hs_AbCd1234_…')).toBeTruthy();
    expect(within(table).queryByText(/x{43}/)).toBeNull();
    expect(calls).toContainEqual(['AdminCreateApiKey', { name: 'Booking widget', scopes: ['CATALOG_READ', 'BOOKINGS_READ'] }]);
    await expectNoSeriousAxeFindings(container);
  });
});

describe('email preferences', () => {
  it('has a switch for every kind of notification and saves one kind at a time', async () => {
    const kinds = schema.getType('NotificationKind')!.toConfig() as { values: Record<string, unknown> };
    let prefs = Object.keys(kinds.values).map((kind) => ({ kind, email: true }));
    const { container, calls } = renderWith(<EmailPreferences />, {
      notificationPreferences: () => prefs,
      setNotificationEmail: ({ kind, email }: { kind: string; email: boolean }) => {
        prefs = prefs.map((p) => (p.kind === kind ? { kind, email } : p));
        return prefs;
      },
    });
    const group = await screen.findByRole('group', { name: 'Email me when' });
    await waitFor(() => expect(within(group).getAllByRole('switch')).toHaveLength(prefs.length));
    const reminder = within(group).getByRole('switch', { name: 'Reminder the day before a visit' });
    expect((reminder as HTMLInputElement).checked).toBe(true);
    fireEvent.click(reminder);
    await waitFor(() =>
      expect((within(group).getByRole('switch', { name: 'Reminder the day before a visit' }) as HTMLInputElement).checked).toBe(false),
    );
    expect(calls).toContainEqual(['SetNotificationEmail', { kind: 'BOOKING_REMINDER', email: false }]);
    await expectNoSeriousAxeFindings(container);
  });
});
