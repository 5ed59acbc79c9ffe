// Rows for the analytics tests, written through Prisma with the timestamps the tests
// need (accounts opened, bookings made and started, payments paid, refunds granted).
import { randomBytes } from 'node:crypto';
import type { BookingStatus, PaymentStatus, RefundStatus, Role } from '../src/generated/prisma/enums';
import type { TestApp } from './support/test-app';

const unique = () => randomBytes(5).toString('hex');
const at = (iso: string) => new Date(iso);

export async function aUser(t: TestApp, role: Role, createdAt: string): Promise<string> {
  const user = await t.app.infra.prisma.user.create({
    data: { email: `${role.toLowerCase()}-${unique()}@example.test`, name: `A ${role.toLowerCase()}`, role, createdAt: at(createdAt) },
  });
  return user.id;
}

/** A business with one 60-minute service, owned by `userId`. */
export async function aBusiness(t: TestApp, userId: string, businessName: string): Promise<{ providerId: string; serviceId: string }> {
  const db = t.app.infra.prisma;
  const provider = await db.providerProfile.create({ data: { userId, businessName, timeZone: 'Asia/Dhaka' } });
  const category = await db.category.create({ data: { slug: `cat-${unique()}`, name: 'Cleaning' } });
  const service = await db.service.create({
    data: {
      providerId: provider.id,
      categoryId: category.id,
      title: 'Deep clean',
      description: 'All rooms',
      priceAmount: 150_000,
      durationMinutes: 60,
    },
  });
  return { providerId: provider.id, serviceId: service.id };
}

export interface BookingSpec {
  business: { providerId: string; serviceId: string };
  customerId: string;
  status: BookingStatus;
  startsAt: string;
  /** When the customer made the booking. */
  createdAt: string;
  payment?: { amount: number; status: PaymentStatus; paidAt: string | null; refunded?: number; currency?: string };
  refunds?: { amount: number; status: RefundStatus; createdAt: string }[];
}

export async function aBooking(t: TestApp, spec: BookingSpec): Promise<string> {
  const db = t.app.infra.prisma;
  const startsAt = at(spec.startsAt);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const booking = await db.booking.create({
    data: {
      serviceId: spec.business.serviceId,
      providerId: spec.business.providerId,
      customerId: spec.customerId,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      status: spec.status,
      priceAmount: spec.payment?.amount ?? 150_000,
      createdAt: at(spec.createdAt),
    },
  });
  if (spec.payment) {
    const p = spec.payment;
    const payment = await db.payment.create({
      data: {
        bookingId: booking.id,
        tranId: `T${unique()}`,
        amount: p.amount,
        currency: p.currency ?? 'BDT',
        status: p.status,
        paidAt: p.paidAt ? at(p.paidAt) : null,
        refundedAmount: p.refunded ?? 0,
      },
    });
    for (const r of spec.refunds ?? []) {
      await db.refund.create({
        data: { paymentId: payment.id, amount: r.amount, status: r.status, reason: 'test', createdAt: at(r.createdAt) },
      });
    }
  }
  return booking.id;
}
