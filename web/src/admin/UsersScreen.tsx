// People: search by name or email, filter by role, change a role, suspend and restore.
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DataTable } from '../app/DataTable';
import { ToneBadge } from '../console/ToneBadge';
import { AdminSetRoleDocument, AdminSuspendDocument, AdminUsersDocument, type Role } from '../gql/graphql';

const ROLES: Role[] = ['CUSTOMER', 'PROVIDER', 'ADMIN'];

export function UsersScreen() {
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const users = useQuery(AdminUsersDocument, { variables: { search: search || null, role } });
  const [setUserRole] = useMutation(AdminSetRoleDocument);
  const [suspend] = useMutation(AdminSuspendDocument);
  const run = (work: Promise<unknown>, done: string) =>
    work.then(
      () => notifications.show({ color: 'green', message: done }),
      (e: unknown) => notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) }),
    );
  return (
    <Stack>
      <Group>
        <TextInput label="Search" placeholder="Name or email" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select label="Role" placeholder="Any role" clearable data={ROLES} value={role} onChange={(v) => setRole(v as Role | null)} />
      </Group>
      <DataTable
        label="Users"
        query={users}
        items={users.data?.users.edges.map((e) => e.node)}
        itemKey={(u) => u.id}
        empty={{ title: 'Nobody matches', body: 'Try another name, email or role.' }}
        columns={[
          { header: 'Name', cell: (u) => u.name },
          { header: 'Email', cell: (u) => u.email },
          {
            header: 'Role',
            cell: (u) => (
              <Select
                aria-label={`Role of ${u.name}`}
                data={ROLES}
                value={u.role}
                allowDeselect={false}
                onChange={(v) => v && void run(setUserRole({ variables: { userId: u.id, role: v as Role } }), `${u.name} is now ${v}`)}
                w={140}
              />
            ),
          },
          {
            header: 'Status',
            cell: (u) => (u.suspended ? <ToneBadge tone="bad">Suspended</ToneBadge> : <ToneBadge tone="good">Active</ToneBadge>),
          },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (u) => (
              <Button
                size="xs"
                variant={u.suspended ? 'default' : 'outline'}
                color={u.suspended ? undefined : 'red'}
                onClick={() =>
                  void run(
                    suspend({ variables: { userId: u.id, suspended: !u.suspended } }),
                    u.suspended ? `${u.name} restored` : `${u.name} suspended`,
                  )
                }
              >
                {u.suspended ? `Restore ${u.name}` : `Suspend ${u.name}`}
              </Button>
            ),
          },
        ]}
      />
    </Stack>
  );
}
