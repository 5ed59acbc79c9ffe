// What availability reads of bookings, as a port: the bookings module provides it
// (bookings/booked-times.ts) and owns the table; availability never queries it.

/** One booking of a provider as time: what it blocks, and what it counts toward limits. */
export interface BookedTime {
  serviceId: string;
  startsAt: Date;
  endsAt: Date;
  /** [blockedFrom, blockedUntil): the booking with its buffers. */
  blockedFrom: Date;
  blockedUntil: Date;
  /** Set for a seat of a seated service (see seatGroupOf). */
  seatGroup: string | null;
  /** REQUESTED, PENDING_PAYMENT or CONFIRMED; otherwise COMPLETED (it still counts toward limits). */
  holding: boolean;
}

/** Holding bookings blocking time in [busyFrom, busyTo); with countFrom/countTo, also every booking counted toward limits starting then. */
export interface BookedWindow {
  busyFrom: Date;
  busyTo: Date;
  countFrom?: Date;
  countTo?: Date;
}

export interface ProviderBookings {
  /**
   * The provider's holding bookings whose blocked time overlaps [busyFrom, busyTo), plus,
   * when countFrom/countTo are given, every holding or completed one starting in
   * [countFrom, countTo). `ignoreBookingId` leaves one booking out (rescheduling it).
   */
  bookedTimes(providerId: string, window: BookedWindow, ignoreBookingId?: string): Promise<BookedTime[]>;
  /** The same for many providers in one read (the catalog filter), by provider id; providers without any are absent. */
  bookedTimesOf(providerIds: string[], window: BookedWindow): Promise<Map<string, BookedTime[]>>;
}

/** The seat group of a seated service's start: its bookings may share that time. */
export const seatGroupOf = (serviceId: string, startsAt: Date) => `${serviceId}@${startsAt.toISOString()}`;
