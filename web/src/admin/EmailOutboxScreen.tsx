// The email outbox: every message with its status and attempts, newest first; a failed one
// can be sent again (it gets a fresh set of attempts).
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { DataTable } from '../app/DataTable';
import { formatDateTime } from '../app/format/time';
import { errorMessage } from '../app/screen-states';
import { ToneBadge, type Tone } from '../console/ToneBadge';
import { AdminEmailsDocument, AdminRetryEmailDocument, type AdminEmailFragment, type EmailStatus } from '../gql/graphql';

const EMAIL_STATUS: Record<EmailStatus, { label: string; tone: Tone }> = {
  PENDING: { label: 'Pending', tone: 'waiting' },
  SENT: { label: 'Sent', tone: 'good' },
  FAILED: { label: 'Failed', tone: 'bad' },
};

export function EmailOutboxScreen() {
  const [status, setStatus] = useState<EmailStatus | null>(null);
  const emails = useQuery(AdminEmailsDocument, { variables: { status, after: null }, fetchPolicy: 'cache-and-network' });
  const page = emails.data?.emails;
  const older = () =>
    emails.fetchMore({
      variables: { after: page?.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        emails: { ...fetchMoreResult.emails, edges: [...(prev.emails?.edges ?? []), ...fetchMoreResult.emails.edges] },
      }),
    });
  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={Object.entries(EMAIL_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          value={status}
          onChange={(v) => setStatus(v as EmailStatus | null)}
          w={240}
        />
        {page && (
          <Text size="sm">
            {page.totalCount} {page.totalCount === 1 ? 'email' : 'emails'}
          </Text>
        )}
      </Group>
      <DataTable
        label="Email outbox"
        query={emails}
        items={page?.edges.map((e) => e.node)}
        itemKey={(m) => m.id}
        empty={{ title: 'No emails here', body: status ? 'None has this status.' : 'Emails appear here as notifications are sent.' }}
        minWidth={820}
        columns={[
          { header: 'Written', cell: (m) => formatDateTime(m.createdAt) },
          { header: 'To', cell: (m) => m.to },
          {
            header: 'Subject',
            cell: (m) => (
              <>
                {m.subject}
                {m.status !== 'SENT' && m.lastError && (
                  <Text size="xs" c="red.9">
                    Last attempt: {m.lastError}
                  </Text>
                )}
              </>
            ),
          },
          {
            header: 'Status',
            cell: (m) => (
              <>
                <ToneBadge tone={EMAIL_STATUS[m.status].tone}>{EMAIL_STATUS[m.status].label}</ToneBadge>
                {m.sentAt && (
                  <Text size="xs" c="gray.7">
                    {formatDateTime(m.sentAt)}
                  </Text>
                )}
              </>
            ),
          },
          { header: 'Attempts', cell: (m) => m.attempts },
          { header: 'Actions', hiddenHeader: true, cell: (m) => m.status === 'FAILED' && <RetryButton email={m} /> },
        ]}
      />
      {page?.pageInfo.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void older()} loading={emails.loading}>
            Show older emails
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RetryButton({ email: m }: { email: AdminEmailFragment }) {
  const [retry, { loading }] = useMutation(AdminRetryEmailDocument);
  const again = async () => {
    try {
      await retry({ variables: { id: m.id } }); // the answer updates the row: Pending, 0 attempts
      notifications.show({ color: 'green', message: `“${m.subject}” to ${m.to} will be sent again` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not retried', message: errorMessage(e) });
    }
  };
  return (
    <Button size="xs" variant="default" loading={loading} onClick={() => void again()} aria-label={`Retry “${m.subject}” to ${m.to}`}>
      Retry
    </Button>
  );
}
