import { Alert, Badge, Button, Card, Container, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../app/auth/AuthProvider';
import { refreshAccessToken } from '../app/apollo/refresh';
import { formatDateTime, viewerTimeZone } from '../app/format/time';
import { usePageTitle } from '../app/page-title';
import { DataTable } from '../app/DataTable';
import { errorMessage } from '../app/screen-states';
import { BecomeProviderDocument, MySessionsDocument, RevokeSessionDocument } from '../gql/graphql';
import { EmailPreferences } from './EmailPreferences';
import { ProfileForm } from './ProfileForm';
import { RequireSignIn } from './RequireSignIn';
import { notify } from '../app/notify';

export function AccountPage() {
  usePageTitle('Your account');
  return (
    <RequireSignIn reason="Manage your account">
      <Account />
    </RequireSignIn>
  );
}

function Account() {
  const { viewer } = useAuth();
  if (!viewer) return null;
  return (
    <Container size="md" py="xl">
      <Title order={1} mb="lg">
        Your account
      </Title>
      <Stack gap="lg">
        <Section title="Profile">
          <ProfileForm viewer={viewer} />
        </Section>
        <Section title="Email notifications">
          <EmailPreferences />
        </Section>
        <Section title="Where you are signed in">
          <Sessions />
        </Section>
        <Section title={viewer.provider ? 'Your business' : 'Become a provider'}>
          {viewer.provider ? (
            <Group justify="space-between">
              <Text>
                You run <b>{viewer.provider.businessName}</b>.
              </Text>
              <Button component={Link} to="/provider" variant="default">
                Open the provider console
              </Button>
            </Group>
          ) : (
            <BecomeProviderForm />
          )}
        </Section>
      </Stack>
    </Container>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Sessions() {
  const sessions = useQuery(MySessionsDocument, { fetchPolicy: 'cache-and-network' });
  const [revoke] = useMutation(RevokeSessionDocument);
  const { signOutEverywhere } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const everywhere = async () => {
    setBusy(true);
    try {
      const count = await signOutEverywhere();
      notify({
        color: 'teal',
        title: 'Signed out everywhere',
        message: `${count} ${count === 1 ? 'session' : 'sessions'} ended.`,
      });
      void navigate('/sign-in');
    } catch (e) {
      notify({ color: 'red', title: 'Not signed out', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <DataTable
        label="Your sessions"
        query={sessions}
        items={sessions.data?.mySessions}
        itemKey={(s) => s.id}
        minWidth={420}
        columns={[
          {
            header: 'Device',
            cell: (s) => (
              <>
                <Text size="sm" lineClamp={1} title={s.userAgent ?? undefined}>
                  {describeAgent(s.userAgent)}
                </Text>
                {s.current && <Badge size="xs">This device</Badge>}
              </>
            ),
          },
          { header: 'Last used', cell: (s) => <Text size="sm">{formatDateTime(s.lastUsedAt)}</Text> },
          {
            header: 'Actions',
            hiddenHeader: true,
            cell: (s) =>
              !s.current && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => void revoke({ variables: { id: s.id } }).then(() => sessions.refetch())}
                >
                  Sign out this device
                </Button>
              ),
          },
        ]}
      />
      <Group>
        <Button color="red" onClick={() => void everywhere()} loading={busy}>
          Sign out everywhere
        </Button>
      </Group>
    </Stack>
  );
}

function describeAgent(agent: string | null | undefined): string {
  if (!agent) return 'Unknown device';
  const browser = /Firefox|Edg|Chrome|Safari/.exec(agent)?.[0]?.replace('Edg', 'Edge') ?? 'Browser';
  const os = /Windows|Mac OS X|Android|iPhone|Linux/.exec(agent)?.[0]?.replace('Mac OS X', 'macOS') ?? '';
  return os ? `${browser} on ${os}` : browser;
}

function BecomeProviderForm() {
  const [becomeProvider] = useMutation(BecomeProviderDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { businessName: '', city: '', bio: '', timeZone: viewerTimeZone() },
    validate: { businessName: (v) => (v.trim().length >= 2 ? null : 'Enter the name customers will see') },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await becomeProvider({
        variables: {
          input: { businessName: v.businessName.trim(), city: v.city.trim() || null, bio: v.bio.trim() || null, timeZone: v.timeZone },
        },
      });
      // The role changed: a fresh token carries it.
      await refreshAccessToken();
      notify({
        color: 'teal',
        title: 'Your business is open',
        message: 'Add your services and hours in the provider console.',
      });
      void navigate('/provider');
    } catch (error) {
      setFailure(errorMessage(error));
    }
  });
  return (
    <form onSubmit={submit} aria-label="Become a provider">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Offer your own services on HomeSer: set your hours and prices, and take bookings.
        </Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput label="Business name" {...form.getInputProps('businessName')} />
        <TextInput label="City" {...form.getInputProps('city')} />
        <TextInput label="Time zone" description="IANA name, e.g. Asia/Dhaka" {...form.getInputProps('timeZone')} />
        <Textarea label="About your business" autosize minRows={2} {...form.getInputProps('bio')} />
        <Group>
          <Button type="submit" loading={form.submitting}>
            Become a provider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
