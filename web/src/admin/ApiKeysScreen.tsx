// The admin's API keys for integrations: scoped, the secret shown once (only its hash is
// stored), revoked at once everywhere.
import { Alert, Button, Checkbox, Code, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatDateTime } from '../app/format/time';
import { DataTable } from '../app/DataTable';
import { errorMessage, FailureAlert } from '../app/screen-states';
import { ToneBadge } from '../console/ToneBadge';
import { AdminApiKeysDocument, AdminCreateApiKeyDocument, AdminRevokeApiKeyDocument, type ApiScope } from '../gql/graphql';

const SCOPE_LABEL: Record<ApiScope, string> = {
  CATALOG_READ: 'Read the catalog',
  BOOKINGS_READ: 'Read bookings',
  BOOKINGS_WRITE: 'Make and change bookings',
};

export function ApiKeysScreen() {
  const keys = useQuery(AdminApiKeysDocument, { fetchPolicy: 'cache-and-network' });
  const [revoke] = useMutation(AdminRevokeApiKeyDocument);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const revokeOne = async (id: string, name: string) => {
    try {
      await revoke({ variables: { id } });
      notifications.show({ color: 'green', message: `Key “${name}” revoked` });
      await keys.refetch();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(e) });
    }
  };
  return (
    <Stack>
      <NewKeyForm
        onCreated={(name, value) => {
          setSecret({ name, value });
          void keys.refetch();
        }}
      />
      {secret && (
        <Alert
          color="green"
          title={`Key “${secret.name}” created`}
          withCloseButton
          closeButtonLabel="Hide the key"
          onClose={() => setSecret(null)}
        >
          <Stack gap="xs">
            <Text size="sm">Copy it now: it is shown only this once. Send it as “Authorization: ApiKey …”.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }}>{secret.value}</Code>
              <CopyButton value={secret.value}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      <DataTable
        label="API keys"
        query={keys}
        items={keys.data?.myApiKeys}
        itemKey={(k) => k.id}
        empty={{ title: 'No API keys', body: 'Create one for an integration above.' }}
        minWidth={700}
        columns={[
          { header: 'Name', cell: (k) => k.name },
          { header: 'Key', cell: (k) => <Code>hs_{k.prefix}_…</Code> },
          {
            header: 'Scopes',
            cell: (k) => (
              <Group gap={4}>
                {k.scopes.map((s) => (
                  <ToneBadge key={s} tone="neutral">
                    {SCOPE_LABEL[s]}
                  </ToneBadge>
                ))}
              </Group>
            ),
          },
          { header: 'Created', cell: (k) => formatDateTime(k.createdAt) },
          { header: 'Last used', cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never') },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (k) => (
              <Button size="xs" variant="outline" color="red" onClick={() => void revokeOne(k.id, k.name)} aria-label={`Revoke ${k.name}`}>
                Revoke
              </Button>
            ),
          },
        ]}
      />
    </Stack>
  );
}

function NewKeyForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const [create, { loading }] = useMutation(AdminCreateApiKeyDocument);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['CATALOG_READ']);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      const r = await create({ variables: { name: name.trim(), scopes: scopes as ApiScope[] } });
      if (r.data) onCreated(r.data.createApiKey.apiKey.name, r.data.createApiKey.secret);
      setName('');
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="New API key">
      <Stack gap="sm">
        <FailureAlert message={failure} />
        <Group align="end">
          <TextInput
            label="New key’s name"
            placeholder="e.g. Booking widget"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={280}
          />
          <Checkbox.Group label="Scopes" value={scopes} onChange={setScopes}>
            <Group gap="md" mt={6}>
              {Object.entries(SCOPE_LABEL).map(([value, label]) => (
                <Checkbox key={value} value={value} label={label} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button type="submit" loading={loading} disabled={!name.trim() || scopes.length === 0}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
