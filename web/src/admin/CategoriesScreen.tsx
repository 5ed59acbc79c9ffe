// Categories: add, rename, reorder, archive (its services leave browse) and restore.
import { Badge, Button, Group, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorNotice } from '../app/screen-states';
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
  const { data, error, refetch } = useQuery(AdminCategoriesDocument, { fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(AdminCreateCategoryDocument);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const add = () =>
    report(
      create({ variables: { input: { name, slug: slug || null } } }).then(() => {
        setName('');
        setSlug('');
        return refetch();
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
      {error && <ErrorNotice error={error} retry={refetch} />}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Slug</Table.Th>
            <Table.Th>Order</Table.Th>
            <Table.Th>Active services</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.categories.map((c) => (
            <CategoryRow key={c.id} category={c} />
          ))}
        </Table.Tbody>
      </Table>
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
      <Table.Td>{c.archivedAt ? <Badge color="gray">Archived</Badge> : <Badge color="green">Listed</Badge>}</Table.Td>
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
            variant="light"
            color={c.archivedAt ? 'green' : 'gray'}
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
