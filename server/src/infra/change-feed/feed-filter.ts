// Which stamped changes a subscriber may receive, stated once and applied twice: as SQL
// when it replays from the table, and in memory on each published change. Both read
// only the ids the change_event row carries, so neither needs a lookup per change.
import type { PublishedChange } from '../pubsub';

export interface FeedFilter {
  /** change_event.table_name values, e.g. ['booking']. */
  tables: readonly string[];
  /** One row only (change_event.row_id), e.g. one booking. */
  rowId?: string;
  /** Everyone's changes, or those naming this user (as user_id) or this provider (as provider_id). */
  audience: 'all' | { userId?: string | null; providerId?: string | null };
}

export function matches(filter: FeedFilter, change: PublishedChange): boolean {
  if (!filter.tables.includes(change.tableName)) return false;
  if (filter.rowId !== undefined && change.rowId !== filter.rowId) return false;
  if (filter.audience === 'all') return true;
  const { userId, providerId } = filter.audience;
  return Boolean((userId && change.userId === userId) || (providerId && change.providerId === providerId));
}

/** The same filter as a WHERE fragment; its values are appended to `params`. */
export function filterSql(filter: FeedFilter, params: unknown[]): string {
  const add = (v: unknown) => `$${params.push(v)}`;
  const parts = [`table_name = ANY(string_to_array(${add(filter.tables.join(','))}, ','))`];
  if (filter.rowId !== undefined) parts.push(`row_id = ${add(filter.rowId)}`);
  if (filter.audience !== 'all') {
    const { userId, providerId } = filter.audience;
    const who = [...(userId ? [`user_id = ${add(userId)}::uuid`] : []), ...(providerId ? [`provider_id = ${add(providerId)}::uuid`] : [])];
    parts.push(who.length ? `(${who.join(' OR ')})` : 'false');
  }
  return parts.join(' AND ');
}
