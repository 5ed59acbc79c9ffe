// Reading bookings: one by id (only its customer, its provider and admins see it), the
// customer's and the provider's lists, the admin list, and a per-request loader.
//
// Visibility: a booking the viewer may not see reads exactly like one that does not
// exist: `booking(id)` answers null for both, so ids cannot be probed. (Mutations by a
// stranger answer FORBIDDEN, as docs/architecture.md's table says; ids are random UUIDs.)
// Lists: newest start first (startsAt desc, id desc as the tie-break), keyset cursors
// over that pair, so a page never repeats or skips rows when bookings are added.
import DataLoader from 'dataloader';
import type { Booking as BookingRow, Prisma } from '../../generated/prisma/client';
import type { BookingStatus } from '../../generated/prisma/enums';
import { DomainError, badInput } from '../../domain-error';
import type { Connection } from '../../shared/paging';
import { keysetConnection } from '../../shared/keyset';
import type { Db } from '../../infra/database';
import { isUuid } from '../../shared/ids';
import type { SchedulingCatalog } from '../availability/catalog-port';
import type { Viewer } from '../identity/viewer';
import { actorsOf, type Actor } from './booking-transitions';

export interface ListArgs {
  status?: BookingStatus[] | null;
  from?: Date | null;
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

export interface AdminListArgs extends ListArgs {
  providerId?: string | null;
  customerId?: string | null;
}

export class BookingQueries {
  constructor(
    private readonly prisma: Db,
    private readonly catalog: SchedulingCatalog,
  ) {}

  /** Batches the booking lookups of one request into one query. */
  loader(): DataLoader<string, BookingRow | null> {
    return new DataLoader(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await this.prisma.booking.findMany({ where: { id: { in: valid } } }) : [];
      const byId = new Map(rows.map((b) => [b.id, b]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Paid bookings cancelled since `since` whose policy granted a refund (payments' safety net), a page at a time by id. */
  cancelledWithRefundDue(
    since: Date,
    page: { after: string | null; take: number },
  ): Promise<{ id: string; refundDueAmount: number | null; cancellationReason: string | null }[]> {
    return this.prisma.booking.findMany({
      where: {
        status: 'CANCELLED',
        refundDueAmount: { gt: 0 },
        updatedAt: { gte: since },
        ...(page.after ? { id: { gt: page.after } } : {}),
      },
      select: { id: true, refundDueAmount: true, cancellationReason: true },
      orderBy: { id: 'asc' },
      take: page.take,
    });
  }

  find(id: string): Promise<BookingRow | null> {
    return isUuid(id) ? this.prisma.booking.findUnique({ where: { id } }) : Promise.resolve(null);
  }

  async viewerProviderId(viewer: Viewer): Promise<string | null> {
    return (await this.catalog.providerOfUser(viewer.userId))?.id ?? null;
  }

  /** Provider ids by user id (null for non-providers), for allowedActions on a page of bookings. */
  viewerProviderLoader(): DataLoader<string, string | null> {
    return new DataLoader(async (userIds) => Promise.all(userIds.map(async (id) => (await this.catalog.providerOfUser(id))?.id ?? null)));
  }

  /** How the viewer relates to the booking; the provider lookup is skipped for its customer. */
  async actorsOf(viewer: Viewer, booking: BookingRow): Promise<Actor[]> {
    const providerId = booking.customerId === viewer.userId ? null : await this.viewerProviderId(viewer);
    return actorsOf(viewer, booking, providerId);
  }

  async visibleBooking(viewer: Viewer, id: string): Promise<BookingRow | null> {
    const booking = await this.find(id);
    return booking && (await this.actorsOf(viewer, booking)).length ? booking : null;
  }

  myBookings(viewer: Viewer, args: ListArgs): Promise<Connection<BookingRow>> {
    return this.page({ customerId: viewer.userId, ...filters({ ...args, from: null, to: null }) }, args);
  }

  async providerBookings(viewer: Viewer, args: ListArgs): Promise<Connection<BookingRow>> {
    const providerId = await this.viewerProviderId(viewer);
    if (!providerId) throw new DomainError('FORBIDDEN', 'Only providers have bookings to manage; become a provider first');
    return this.page({ providerId, ...filters(args) }, args);
  }

  allBookings(args: AdminListArgs): Promise<Connection<BookingRow>> {
    for (const field of ['providerId', 'customerId'] as const) {
      const id = args[field];
      if (id && !isUuid(id)) throw badInput(field, `${field} is not a valid id`);
    }
    return this.page(
      {
        ...(args.providerId && { providerId: args.providerId }),
        ...(args.customerId && { customerId: args.customerId }),
        ...filters(args),
      },
      args,
    );
  }

  private async page(where: Prisma.BookingWhereInput, args: ListArgs): Promise<Connection<BookingRow>> {
    return keysetConnection(this.prisma.booking, where, 'startsAt', args);
  }
}

/** Status and start-time filters: startsAt in [from, to). */
function filters(args: ListArgs): Prisma.BookingWhereInput {
  if (args.from && args.to && args.from >= args.to) throw badInput('to', 'to must be after from');
  return {
    ...(args.status?.length && { status: { in: args.status } }),
    ...((args.from || args.to) && { startsAt: { ...(args.from && { gte: args.from }), ...(args.to && { lt: args.to }) } }),
  };
}
