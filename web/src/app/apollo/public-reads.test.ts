import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isPublicRead } from './public-reads';

describe('isPublicRead', () => {
  it('sends catalog reads as public GETs', () => {
    expect(isPublicRead(parse('query S { services { totalCount } categories { id } }'))).toBe(true);
    expect(isPublicRead(parse('query($id: ID!) { availableSlots(serviceId: $id, from: "a", to: "b") { startsAt } }'))).toBe(true);
  });

  it('keeps anything about the viewer, and every mutation, private', () => {
    expect(isPublicRead(parse('query { services { totalCount } me { id } }'))).toBe(false);
    expect(isPublicRead(parse('query { myBookings { totalCount } }'))).toBe(false);
    // The admin's category list with archived ones answers differently for an admin.
    expect(isPublicRead(parse('query { categories(includeArchived: true) { id } }'))).toBe(false);
    expect(isPublicRead(parse('query($all: Boolean) { categories(includeArchived: $all) { id } }'))).toBe(false);
    expect(isPublicRead(parse('mutation { logout }'))).toBe(false);
    expect(isPublicRead(parse('subscription { availabilityChanged(serviceId: "1") { eventId } }'))).toBe(false);
  });
});
