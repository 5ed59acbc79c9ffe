// A service's photos: upload straight to the media store with parameters the API signs
// (createImageUpload: Cloudinary, or this server's /media), then attach; move one earlier
// or later; remove one. The first photo is the one search results show.
import { ActionIcon, Button, Card, FileButton, Group, Image, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { uploadImage } from '../account/upload-image';
import { FailureAlert } from '../app/screen-states';
import { useAction } from '../console/useAction';
import {
  AddServiceImageDocument,
  CreateServiceImageUploadDocument,
  RemoveServiceImageDocument,
  ReorderServiceImagesDocument,
  type ProviderServiceImageFragment,
} from '../gql/graphql';

const MAX_IMAGES = 10;

/** The ids with the one at `from` moved to `to`. */
export function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [id] = next.splice(from, 1);
  if (id !== undefined) next.splice(to, 0, id);
  return next;
}

export function ServiceImages({
  serviceId,
  title,
  initial,
}: {
  serviceId: string;
  title: string;
  initial: ProviderServiceImageFragment[];
}) {
  const [images, setImages] = useState(initial);
  const { busy, failure, run: act } = useAction();
  const [sign] = useMutation(CreateServiceImageUploadDocument);
  const [add] = useMutation(AddServiceImageDocument);
  const [remove] = useMutation(RemoveServiceImageDocument);
  const [reorder] = useMutation(ReorderServiceImagesDocument);
  /** Runs a change; the service's images as it returns them become the list shown. */
  const run = (work: () => Promise<ProviderServiceImageFragment[] | undefined>) => act(work).then((next) => next && setImages(next));
  const upload = (file: File | null) =>
    file &&
    run(async () => {
      const signed = await sign({ variables: { serviceId } });
      if (!signed.data) throw new Error('The upload could not start; try again');
      const publicId = await uploadImage(signed.data.createImageUpload, file);
      return (await add({ variables: { serviceId, publicId } })).data?.addServiceImage.images;
    });
  const move = (from: number, to: number) =>
    run(
      async () =>
        (
          await reorder({
            variables: {
              serviceId,
              imageIds: moved(
                images.map((i) => i.id),
                from,
                to,
              ),
            },
          })
        ).data?.reorderServiceImages.images,
    );
  const drop = (imageId: string) => run(async () => (await remove({ variables: { serviceId, imageId } })).data?.removeServiceImage.images);

  return (
    <Stack gap="xs" component="section" aria-label={`Photos of ${title}`}>
      <Group justify="space-between">
        <Text fw={600}>
          Photos ({images.length} of {MAX_IMAGES})
        </Text>
        <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg,image/webp">
          {(props) => (
            <Button {...props} variant="default" size="xs" loading={busy} disabled={images.length >= MAX_IMAGES}>
              Add a photo
            </Button>
          )}
        </FileButton>
      </Group>
      <FailureAlert message={failure} title="The photos did not change" />
      {images.length === 0 && (
        <Text size="sm" c="gray.7">
          No photos yet. Services with a photo get more bookings; the first one shows in search.
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
        {images.map((image, i) => (
          <Card key={image.id} withBorder padding={4} radius="sm">
            <Image src={image.url} alt={`Photo ${i + 1} of ${title}`} h={96} fit="cover" radius="xs" />
            <Group justify="space-between" gap={2} mt={4}>
              <Group gap={2}>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move photo ${i + 1} earlier`}
                  disabled={busy || i === 0}
                  onClick={() => void move(i, i - 1)}
                >
                  <IconArrowLeft size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move photo ${i + 1} later`}
                  disabled={busy || i === images.length - 1}
                  onClick={() => void move(i, i + 1)}
                >
                  <IconArrowRight size={16} aria-hidden />
                </ActionIcon>
              </Group>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove photo ${i + 1}`}
                disabled={busy}
                onClick={() => void drop(image.id)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
