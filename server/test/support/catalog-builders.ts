// Builders for providers, services, working hours, bookings and crowds of customers.
// Providers and services are written with Prisma directly (the catalog's API has tests of
// its own); hours go through setAvailability like a provider's would.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Booking } from '../../src/generated/prisma/client';
import type { BookingStatus } from '../../src/generated/prisma/enums';
import { anAccountWithRole, type Account } from './accounts';
import type { TestApp } from './test-app';

export interface TestProvider {
  id: string;
  zone: string;
  account: Account;
}

export interface TestService {
  id: string;
  providerId: string;
  durationMinutes: number;
  bufferMinutes: number;
  priceAmount: number;
}

export const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
export const hm = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Weekly rules from "HH:mm" to "HH:mm" ("24:00" = midnight) on the given weekdays. */
export const hours = (from: string, to: string, weekdays = EVERY_DAY) =>
  weekdays.map((weekday) => ({ weekday, startMinute: hm(from), endMinute: to === '24:00' ? 1440 : hm(to) }));

export async function aProvider(
  t: TestApp,
  opts: { zone?: string; minNoticeMinutes?: number; maxAdvanceDays?: number } = {},
): Promise<TestProvider> {
  const account = await anAccountWithRole(t, 'PROVIDER');
  const zone = opts.zone ?? 'UTC';
  const provider = await t.app.infra.prisma.providerProfile.create({
    data: {
      userId: account.id,
      businessName: `Test Services ${randomBytes(3).toString('hex')}`,
      timeZone: zone,
      minNoticeMinutes: opts.minNoticeMinutes ?? 0,
      maxAdvanceDays: opts.maxAdvanceDays ?? 60,
    },
  });
  return { id: provider.id, zone, account };
}

export async function aService(
  t: TestApp,
  provider: TestProvider,
  opts: { durationMinutes?: number; bufferMinutes?: number; instantBooking?: boolean; priceAmount?: number; active?: boolean } = {},
): Promise<TestService> {
  const prisma = t.app.infra.prisma;
  const category = await prisma.category.upsert({ where: { slug: 'test' }, update: {}, create: { slug: 'test', name: 'Test' } });
  const service = await prisma.service.create({
    data: {
      providerId: provider.id,
      categoryId: category.id,
      title: 'Test Service',
      description: 'A service made by a test',
      priceAmount: opts.priceAmount ?? 150_000,
      durationMinutes: opts.durationMinutes ?? 60,
      bufferMinutes: opts.bufferMinutes ?? 0,
      instantBooking: opts.instantBooking ?? false,
      active: opts.active ?? true,
    },
  });
  return {
    id: service.id,
    providerId: provider.id,
    durationMinutes: service.durationMinutes,
    bufferMinutes: service.bufferMinutes,
    priceAmount: service.priceAmount,
  };
}

const SET_AVAILABILITY = `mutation($input: AvailabilitySettingsInput!) { setAvailability(input: $input) { timeZone } }`;

/** Sets the provider's weekly rules (and settings) through the API. */
export async function workingHours(
  t: TestApp,
  provider: TestProvider,
  rules: { weekday: number; startMinute: number; endMinute: number }[],
  settings: { timeZone?: string; minNoticeMinutes?: number; maxAdvanceDays?: number } = {},
): Promise<void> {
  const r = await t.gql(SET_AVAILABILITY, { input: { rules, ...settings } }, { token: provider.account.token });
  if (!r.data) throw new Error(`setAvailability failed: ${JSON.stringify(r.errors)}`);
}

/** A provider in `zone` working all day every day, no notice: every duration step from midnight is a slot. */
export async function anAlwaysOpenProvider(t: TestApp, zone = 'UTC', opts: { maxAdvanceDays?: number } = {}) {
  const provider = await aProvider(t, { zone, ...opts });
  await workingHours(t, provider, hours('00:00', '24:00'));
  return provider;
}

/** A booking row written directly, in any status (for transition tables and sweeps). */
export async function aBookingRow(
  t: TestApp,
  service: TestService,
  customerId: string,
  startsAt: Date,
  status: BookingStatus,
  extra: Partial<Pick<Booking, 'holdExpiresAt' | 'answerBy' | 'refundDueAmount'>> = {},
): Promise<Booking> {
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
  return t.app.infra.prisma.booking.create({
    data: {
      serviceId: service.id,
      providerId: service.providerId,
      customerId,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + service.bufferMinutes * 60_000),
      status,
      priceAmount: service.priceAmount,
      holdExpiresAt: status === 'PENDING_PAYMENT' ? new Date(Date.now() + 15 * 60_000) : null,
      answerBy: status === 'REQUESTED' ? new Date(Math.min(Date.now() + 24 * 3_600_000, startsAt.getTime())) : null,
      ...extra,
    },
  });
}

/**
 * Many signed-in customers fast: users and sessions inserted in two statements and
 * access tokens signed by the app's own issuer (registering 100 people would spend
 * seconds hashing passwords).
 */
export async function manyCustomers(t: TestApp, count: number): Promise<Account[]> {
  const prisma = t.app.infra.prisma;
  const tag = randomBytes(4).toString('hex');
  const people = Array.from({ length: count }, (_, i) => ({ email: `crowd-${tag}-${i}@example.test`, name: `Crowd ${i}` }));
  const users = await prisma.user.createManyAndReturn({ data: people, select: { id: true, email: true } });
  const sessions = await prisma.session.createManyAndReturn({
    data: users.map((u) => ({ userId: u.id, expiresAt: new Date(Date.now() + 86_400_000) })),
    select: { id: true, userId: true },
  });
  const tokens = t.app.services.identity.accessTokens;
  return Promise.all(
    sessions.map(async (s) => {
      const { token } = await tokens.issue({ userId: s.userId, sessionId: s.id, role: 'CUSTOMER' });
      return { id: s.userId, email: users.find((u) => u.id === s.userId)!.email, token, refreshToken: '' };
    }),
  );
}

/** The next whole hour of UTC at least `hoursAhead` from now (a slot of an always-open UTC provider). */
export function hourFromNow(hoursAhead: number): Date {
  return DateTime.utc().plus({ hours: hoursAhead }).startOf('hour').plus({ hours: 1 }).toJSDate();
}

/** An instant from the provider's wall time, e.g. wallTime('2027-03-28T09:00', 'Europe/London'). */
export const wallTime = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();

/** The Booking fields the tests read. */
export const BOOKING_FIELDS = `id status startsAt endsAt notes holdExpiresAt cancellationReason allowedActions
  price { amount currency } cancellationRefund { amount currency }`;

const REQUEST_BOOKING = `mutation($input: BookingInput!) { requestBooking(input: $input) { ${BOOKING_FIELDS} } }`;

/** requestBooking as `who`; the raw response, so tests can read errors too. */
export function requestBooking(
  t: TestApp,
  who: { token: string },
  serviceId: string,
  startsAt: Date | string,
  extra: { notes?: string; idempotencyKey?: string } = {},
) {
  const at = typeof startsAt === 'string' ? startsAt : startsAt.toISOString();
  return t.gql(REQUEST_BOOKING, { input: { serviceId, startsAt: at, ...extra } }, { token: who.token });
}
