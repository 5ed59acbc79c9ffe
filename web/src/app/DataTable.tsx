// A list read from the API, as a table: skeleton rows while it loads, the failure with a
// retry, an empty state when there is nothing, otherwise a header row and one row an item.
// Every screen with a list uses it, so they all behave (and announce themselves) alike.
import { Skeleton, Table } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { EmptyState, ErrorNotice } from './screen-states';

export interface Column<T> {
  header: string;
  /** A header only assistive technology reads (e.g. "Actions"). */
  hiddenHeader?: boolean;
  /** The cell of a row; a screen whose rows hold state renders whole rows with `row` instead. */
  cell?: (item: T) => ReactNode;
}

/** What the table needs of a query's result (Apollo's useQuery result fits). */
export interface ListQuery {
  loading: boolean;
  error?: unknown;
  refetch: () => unknown;
}

export function DataTable<T>({
  query,
  items,
  itemKey,
  columns,
  row,
  label,
  empty,
  minWidth = 640,
}: {
  query: ListQuery;
  /** undefined while nothing has arrived yet */
  items: readonly T[] | undefined;
  itemKey: (item: T) => string;
  columns: readonly Column<T>[];
  /** A whole <Table.Tr> for an item, when its cells share state. */
  row?: (item: T) => ReactNode;
  /** The table's accessible name. */
  label: string;
  /** Shown when the list is empty; without it an empty table shows its header only. */
  empty?: { title: string; body?: ReactNode; action?: ReactNode };
  minWidth?: number;
}) {
  if (query.error && !items) return <ErrorNotice error={query.error} retry={query.refetch} />;
  if (items && items.length === 0 && empty)
    return (
      <EmptyState title={empty.title} action={empty.action}>
        {empty.body}
      </EmptyState>
    );
  return (
    <>
      {query.error !== undefined && <ErrorNotice error={query.error} retry={query.refetch} />}
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover aria-label={label} aria-busy={!items && query.loading}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.header}>{c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!items &&
              Array.from({ length: 3 }, (_, i) => (
                <Table.Tr key={i} aria-hidden>
                  {columns.map((c) => (
                    <Table.Td key={c.header}>
                      <Skeleton height={14} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            {items?.map((item) =>
              row ? (
                <Fragment key={itemKey(item)}>{row(item)}</Fragment>
              ) : (
                <Table.Tr key={itemKey(item)}>
                  {columns.map((c) => (
                    <Table.Td key={c.header}>{c.cell?.(item)}</Table.Td>
                  ))}
                </Table.Tr>
              ),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
