// Builders for the reviews tests: a provider with a service, completed bookings (written in
// the past through Prisma: completing one through the API takes a paid booking that has
// ended), reviews through the API, and many reviews at once behind the API's back.
import type { Booking } from '../src/generated/prisma/client';
import type { Account } from './support/accounts';
import { aBookingRow, aProvider, aService, hourFromNow, type TestProvider, type TestService } from './support/catalog-builders';
import type { TestApp } from './support/test-app';

export interface Shop {
  provider: TestProvider;
  service: TestService;
}

/** A provider with one active service, in the category given (else the shared test category). */
export async function aShop(t: TestApp, opts: { categoryId?: string; active?: boolean } = {}): Promise<Shop> {
  const provider = await aProvider(t);
  const service = await aService(t, provider, { active: opts.active });
  if (opts.categoryId) await t.app.infra.prisma.service.update({ where: { id: service.id }, data: { categoryId: opts.categoryId } });
  return { provider, service };
}

let hoursAgo = 24;
/** A booking of the shop's service by the customer, by default COMPLETED and over; each at an hour of its own. */
export function aPastBooking(t: TestApp, shop: Shop, customer: { id: string }, status: Booking['status'] = 'COMPLETED') {
  hoursAgo += 2;
  return aBookingRow(t, shop.service, customer.id, hourFromNow(-hoursAgo), status);
}

export const REVIEW_FIELDS = 'id rating comment createdAt author { id name avatarUrl }';
const CREATE_REVIEW = `mutation($b: ID!, $r: Int!, $c: String) { createReview(bookingId: $b, rating: $r, comment: $c) { ${REVIEW_FIELDS} } }`;

/** createReview as `who`; the raw response, so tests can read errors too. */
export function review(t: TestApp, who: Account, bookingId: string, rating: number, comment?: string | null) {
  return t.gql(CREATE_REVIEW, { b: bookingId, r: rating, c: comment }, { token: who.token });
}

/** A completed booking and its review through the API. */
export async function aReview(t: TestApp, shop: Shop, customer: Account, rating: number, comment?: string): Promise<string> {
  const booking = await aPastBooking(t, shop, customer);
  const r = await review(t, customer, booking.id, rating, comment);
  if (!r.data) throw new Error(`createReview failed: ${JSON.stringify(r.errors)}`);
  return r.data.createReview.id;
}

/**
 * Many reviews in three statements, with the provider's totals as createReview leaves them,
 * then the catalog told, as a review through the API would (rankings need a hundred).
 * `createdAt` lets a test give several reviews the same instant.
 */
export async function reviewsBehindTheApi(
  t: TestApp,
  shop: Shop,
  author: { id: string },
  ratings: number[],
  createdAt: (i: number) => Date = (i) => new Date(Date.now() - (i + 1) * 60_000),
): Promise<string[]> {
  const prisma = t.app.infra.prisma;
  const { service } = shop;
  const bookings = await prisma.booking.createManyAndReturn({
    data: ratings.map(() => {
      const startsAt = hourFromNow(-(hoursAgo += 2));
      const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
      return {
        serviceId: service.id,
        providerId: service.providerId,
        customerId: author.id,
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        status: 'COMPLETED' as const,
        priceAmount: service.priceAmount,
      };
    }),
    select: { id: true },
  });
  const reviews = await prisma.review.createManyAndReturn({
    data: bookings.map((b, i) => ({
      bookingId: b.id,
      providerId: service.providerId,
      authorId: author.id,
      rating: ratings[i]!,
      createdAt: createdAt(i),
    })),
    select: { id: true },
  });
  const sum = ratings.reduce((a, b) => a + b, 0);
  await prisma.providerProfile.update({
    where: { id: service.providerId },
    data: { ratingCount: { increment: ratings.length }, ratingSum: { increment: sum } },
  });
  await t.app.services.catalog.catalogChanged();
  return reviews.map((r) => r.id);
}

/** n ratings of `stars`, e.g. stars(80, 5). */
export const stars = (n: number, rating: number) => Array.from({ length: n }, () => rating);
