// Categories: add, rename, reorder, archive (its services leave browse) and restore.
import { Button, Group, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DataTable } from '../app/DataTable';
import { ToneBadge } from '../console/ToneBadge';
import {
  AdminArchiveCategoryDocument,
  AdminCategoriesDocument,
  AdminCreateCategoryDocument,
  AdminUpdateCategoryDocument,
  type AdminCategoryFragment,
} from '../gql/graphql';

const report = (work: Promise<unknown>, done: string) =>
  work.then(
    () => notifications.show({ color: 'green', message: done }),
    (e: unknown) => notifications.show({ color: 'red', title: 'Not saved', message: e instanceof Error ? e.message : String(e) }),
  );

export function CategoriesScreen() {
  const categories = useQuery(AdminCategoriesDocument, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(AdminCreateCategoryDocument);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const add = () =>
    report(
      create({ variables: { input: { name, slug: slug || null } } }).then(() => {
        setName('');
        setSlug('');
        return categories.refetch();
      }),
      `Category “${name}” added`,
    );
  return (
    <Stack>
      <Group align="end">
        <TextInput label="New category" placeholder="e.g. Gardening" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput label="Slug (optional)" placeholder="gardening" value={slug} onChange={(e) => setSlug(e.currentTarget.value)} />
        <Button onClick={() => void add()} loading={creating.loading} disabled={name.trim().length < 2}>
          Add category
        </Button>
      </Group>
      <DataTable
        label="Categories"
        query={categories}
        items={categories.data?.categories}
        itemKey={(c) => c.id}
        empty={{ title: 'No categories yet', body: 'Add the first one above: providers list their services in one.' }}
        columns={[
          { header: 'Name' },
          { header: 'Slug' },
          { header: 'Order' },
          { header: 'Active services' },
          { header: 'State' },
          { header: 'Actions', hiddenHeader: true },
        ]}
        row={(c) => <CategoryRow category={c} />}
      />
    </Stack>
  );
}

function CategoryRow({ category: c }: { category: AdminCategoryFragment }) {
  const [update] = useMutation(AdminUpdateCategoryDocument);
  const [archive] = useMutation(AdminArchiveCategoryDocument);
  const [name, setName] = useState(c.name);
  const [order, setOrder] = useState<number | string>(c.sortOrder);
  const changed = name !== c.name || Number(order) !== c.sortOrder;
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput aria-label={`Name of ${c.name}`} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      </Table.Td>
      <Table.Td>{c.slug}</Table.Td>
      <Table.Td>
        <NumberInput aria-label={`Order of ${c.name}`} value={order} onChange={setOrder} min={0} w={90} />
      </Table.Td>
      <Table.Td>{c.serviceCount}</Table.Td>
      <Table.Td>{c.archivedAt ? <ToneBadge tone="neutral">Archived</ToneBadge> : <ToneBadge tone="good">Listed</ToneBadge>}</Table.Td>
      <Table.Td>
        <Group gap="xs">
          {changed && (
            <Button
              size="xs"
              onClick={() => void report(update({ variables: { id: c.id, input: { name, sortOrder: Number(order) } } }), 'Category saved')}
            >
              Save {c.name}
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            onClick={() =>
              void report(
                archive({ variables: { id: c.id, archived: !c.archivedAt } }),
                c.archivedAt ? `${c.name} restored` : `${c.name} archived`,
              )
            }
          >
            {c.archivedAt ? `Restore ${c.name}` : `Archive ${c.name}`}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
