// Deterministic demo data a person can explore: the same rows (and ids) on every run for
// the same day, with dates relative to today's UTC midnight so upcoming bookings stay
// upcoming. Built in memory first, then written in one transaction of createMany calls.
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../infra/database';
import { hashPassword } from '../modules/identity/passwords';
import { buildBookings, type BookingSet } from './bookings';
import { buildDirectory, type Directory } from './directory';
import { buildNotifications } from './notifications';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './people';
import { createRng } from './random';
import { sandboxBooksFor } from './sandbox-books';
import { startOfUtcDay } from './schedules';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './people';

export interface DemoDataset
  extends Omit<Directory, 'demoProvider' | 'providers' | 'demoCustomerId' | 'adminId' | 'customerIds'>, BookingSet {
  notifications: Prisma.NotificationCreateManyInput[];
}

export interface SeedCounts {
  users: number;
  providers: number;
  services: number;
  bookings: number;
}

const SEED = 20_261_125;

/** The whole demo as rows, without touching a database (same input, same output). */
export function buildDemoData(today: Date, passwordHash: string): DemoDataset {
  const anchor = startOfUtcDay(today);
  const dir = buildDirectory(createRng(SEED), anchor, passwordHash);
  const set = buildBookings(createRng(SEED + 1), anchor, dir);
  // The rating columns are a cache of the reviews: keep them equal.
  for (const row of dir.providerRows) {
    const reviews = set.reviews.filter((r) => r.providerId === row.id);
    row.ratingCount = reviews.length;
    row.ratingSum = reviews.reduce((sum, r) => sum + r.rating, 0);
  }
  const { categories, users, providerRows, services, images, rules, exceptions } = dir;
  return {
    categories,
    users,
    providerRows,
    services,
    images,
    rules,
    exceptions,
    ...set,
    notifications: buildNotifications(anchor, dir, set),
  };
}

export async function seedDemoData(prisma: Db, opts: { today?: Date } = {}): Promise<SeedCounts> {
  // One argon2id hash for every account: hashing is deliberately slow.
  const d = buildDemoData(opts.today ?? new Date(), await hashPassword(DEMO_PASSWORD));
  const sandbox = sandboxBooksFor(d);
  // Parents before children; one transaction so a failure leaves the database empty.
  await prisma.$transaction([
    prisma.category.createMany({ data: d.categories }),
    prisma.user.createMany({ data: d.users }),
    prisma.providerProfile.createMany({ data: d.providerRows }),
    prisma.service.createMany({ data: d.services }),
    prisma.serviceImage.createMany({ data: d.images }),
    prisma.availabilityRule.createMany({ data: d.rules }),
    prisma.availabilityException.createMany({ data: d.exceptions }),
    prisma.booking.createMany({ data: d.bookings }),
    prisma.payment.createMany({ data: d.payments }),
    prisma.refund.createMany({ data: d.refunds }),
    prisma.sandboxTransaction.createMany({ data: sandbox.transactions }),
    prisma.sandboxRefund.createMany({ data: sandbox.refunds }),
    prisma.review.createMany({ data: d.reviews }),
    prisma.notification.createMany({ data: d.notifications }),
  ]);
  return { users: d.users.length, providers: d.providerRows.length, services: d.services.length, bookings: d.bookings.length };
}

/** What to tell a person about the demo accounts (logs, the seed script). */
export function describeDemoAccounts(): string {
  const { customer, provider, admin } = DEMO_ACCOUNTS;
  return `demo accounts (password "${DEMO_PASSWORD}"): ${customer.email} (customer), ${provider.email} (provider), ${admin.email} (admin)`;
}
