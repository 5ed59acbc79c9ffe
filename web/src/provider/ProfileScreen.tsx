// The business as customers see it: name, description, city, time zone (the one its hours
// and calendar are in) and the owner's photo (uploaded straight to the media store).
import { Avatar, Button, Card, FileButton, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { uploadImage } from '../account/upload-image';
import { FailureAlert } from '../app/screen-states';
import { initials } from '../app/layout/initials';
import { useAction } from '../console/useAction';
import {
  CreateAvatarUploadDocument,
  UpdateProfileDocument,
  UpdateProviderProfileDocument,
  type ProviderProfileFragment,
} from '../gql/graphql';

const ZONES = Intl.supportedValuesOf('timeZone');

export function ProfileScreen({ provider }: { provider: ProviderProfileFragment }) {
  const [update] = useMutation(UpdateProviderProfileDocument);
  const { failure, run } = useAction();
  // The browser's list may lack a zone the server knows (say "UTC"): keep the current one.
  const zones = ZONES.includes(provider.timeZone) ? ZONES : [provider.timeZone, ...ZONES];
  const form = useForm({
    initialValues: { businessName: provider.businessName, bio: provider.bio ?? '', city: provider.city ?? '', timeZone: provider.timeZone },
    validate: {
      businessName: (v) => (v.trim().length >= 2 ? null : 'Enter the name customers will see (2 characters or more)'),
      timeZone: (v) => (zones.includes(v) ? null : 'Pick your time zone from the list'),
    },
  });
  const submit = form.onSubmit((v) =>
    run(async () => {
      await update({
        variables: {
          input: { businessName: v.businessName.trim(), bio: v.bio.trim() || null, city: v.city.trim() || null, timeZone: v.timeZone },
        },
      });
      form.resetDirty();
      notifications.show({ color: 'green', message: 'Profile saved' });
    }),
  );
  return (
    <Stack maw={640}>
      <ProviderPhoto provider={provider} />
      <Card withBorder radius="md" padding="lg">
        <form onSubmit={submit} aria-label="Business profile">
          <Stack>
            <FailureAlert message={failure} title="Not saved" />
            <TextInput label="Business name" required {...form.getInputProps('businessName')} />
            <Textarea
              label="Description"
              description="What you do, shown on your page"
              autosize
              minRows={3}
              {...form.getInputProps('bio')}
            />
            <TextInput label="City" {...form.getInputProps('city')} />
            <Select
              label="Time zone"
              description="Your hours, calendar and insights are in this zone"
              searchable
              data={zones}
              allowDeselect={false}
              {...form.getInputProps('timeZone')}
            />
            <Group>
              <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
                Save profile
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

function ProviderPhoto({ provider }: { provider: ProviderProfileFragment }) {
  const [sign] = useMutation(CreateAvatarUploadDocument);
  const [save] = useMutation(UpdateProfileDocument);
  const { busy, failure, run } = useAction();
  const [url, setUrl] = useState(provider.owner.avatarUrl);
  const change = (publicId: () => Promise<string | null>) =>
    run(async () => {
      const { data } = await save({ variables: { input: { avatarPublicId: await publicId() } } });
      setUrl(data?.updateProfile.avatarUrl ?? null);
    });
  const upload = (file: File | null) =>
    file &&
    change(async () => {
      const signed = await sign();
      if (!signed.data) throw new Error('The upload could not start; try again');
      return uploadImage(signed.data.createAvatarUpload, file);
    });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Photo">
      <Group>
        <Avatar src={url} alt={`Photo of ${provider.businessName}`} size={72} radius="xl" color="teal" variant="filled">
          {initials(provider.businessName)}
        </Avatar>
        <Stack gap={4}>
          <Text size="sm">Customers see this photo beside your name.</Text>
          <Group gap="xs">
            <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg,image/webp">
              {(props) => (
                <Button {...props} variant="default" size="xs" loading={busy}>
                  Upload a photo
                </Button>
              )}
            </FileButton>
            {url && (
              <Button size="xs" variant="subtle" color="red" disabled={busy} onClick={() => void change(() => Promise.resolve(null))}>
                Remove photo
              </Button>
            )}
          </Group>
        </Stack>
      </Group>
      <FailureAlert message={failure} title="The photo did not change" />
    </Card>
  );
}
