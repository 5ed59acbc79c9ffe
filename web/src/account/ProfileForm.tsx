import { Alert, Avatar, Button, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { sessionStore } from '../app/auth/session-store';
import { initials } from '../app/layout/initials';
import { errorMessage } from '../app/screen-states';
import {
  CreateAvatarUploadDocument,
  UpdateProfileDocument,
  type UpdateProfileMutationVariables,
  type ViewerFragment,
} from '../gql/graphql';
import { uploadImage } from './upload-image';
import { notify } from '../app/notify';

export function ProfileForm({ viewer }: { viewer: ViewerFragment }) {
  const [updateProfile] = useMutation(UpdateProfileDocument);
  const [createUpload] = useMutation(CreateAvatarUploadDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const form = useForm({
    initialValues: { name: viewer.name, phone: viewer.phone ?? '' },
    validate: { name: (v) => (v.trim().length >= 2 ? null : 'Enter your name') },
  });
  const save = async (variables: UpdateProfileMutationVariables) => {
    const { data } = await updateProfile({ variables });
    if (data) sessionStore.updateUser(data.updateProfile);
  };
  const submit = form.onSubmit(async ({ name, phone }) => {
    setFailure(null);
    try {
      await save({ input: { name: name.trim(), phone: phone.trim() || null } });
      notify({ color: 'teal', title: 'Profile saved', message: 'Your details are up to date.' });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  });
  const changeAvatar = async (file: File | null) => {
    if (!file) return;
    setFailure(null);
    setUploading(true);
    try {
      const { data } = await createUpload();
      if (!data) throw new Error('The upload could not start; try again');
      const publicId = await uploadImage(data.createAvatarUpload, file);
      await save({ input: { avatarPublicId: publicId } });
      notify({ color: 'teal', title: 'Photo updated', message: 'Your new photo is shown to providers.' });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Stack>
      <Group>
        <Avatar src={viewer.avatarUrl} alt="Your photo" size={72} radius="xl" color="teal" variant="filled">
          {initials(viewer.name)}
        </Avatar>
        <Stack gap={4}>
          <FileButton onChange={(f) => void changeAvatar(f)} accept="image/png,image/jpeg,image/webp">
            {(props) => (
              <Button {...props} variant="default" loading={uploading}>
                Upload a photo
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            JPEG, PNG or WebP, up to a few MB.
          </Text>
        </Stack>
      </Group>
      {failure && (
        <Alert color="red" role="alert" title="Not saved">
          {failure}
        </Alert>
      )}
      <form onSubmit={submit} aria-label="Profile">
        <Stack gap="sm">
          <TextInput label="Name" autoComplete="name" {...form.getInputProps('name')} />
          <TextInput label="Email" value={viewer.email} readOnly description="Your sign-in address" />
          <TextInput label="Phone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
          <Group>
            <Button type="submit" loading={form.submitting}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
