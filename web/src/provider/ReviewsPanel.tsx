// What customers said, newest first, each with the provider's public reply: write one,
// change it, or take it down (an empty reply).
import { Avatar, Box, Button, Card, Group, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatDateTime } from '../app/format/time';
import { EmptyState, ErrorNotice, FailureAlert } from '../app/screen-states';
import { useAction } from '../console/useAction';
import { initials } from '../app/layout/initials';
import { ProviderReviewsDocument, ReplyToReviewDocument, type ProviderReviewFragment } from '../gql/graphql';

export function ReviewsPanel({ providerId, zone }: { providerId: string; zone: string }) {
  const { data, error, refetch } = useQuery(ProviderReviewsDocument, { variables: { providerId }, fetchPolicy: 'cache-and-network' });
  const provider = data?.provider;
  const reviews = provider?.reviews.edges.map((e) => e.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="reviews-heading">
      <Group justify="space-between">
        <Title order={2} size="h3" id="reviews-heading">
          Reviews
        </Title>
        {provider?.ratingAverage != null && (
          <Text size="sm">
            {provider.ratingAverage.toFixed(1)} of 5 from {provider.ratingCount} {provider.ratingCount === 1 ? 'review' : 'reviews'}
          </Text>
        )}
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      {provider && reviews.length === 0 && (
        <EmptyState title="No reviews yet">Customers can review a booking once you mark it completed.</EmptyState>
      )}
      {reviews.map((r) => (
        <ReviewCard key={r.id} review={r} zone={zone} />
      ))}
    </Stack>
  );
}

function ReviewCard({ review: r, zone }: { review: ProviderReviewFragment; zone: string }) {
  const [reply] = useMutation(ReplyToReviewDocument);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(r.reply ?? '');
  const { busy: loading, failure, run } = useAction();
  const save = (value: string) =>
    run(async () => {
      await reply({ variables: { reviewId: r.id, reply: value } });
      setEditing(false);
      notifications.show({ color: 'green', message: value.trim() ? 'Reply published' : 'Reply removed' });
    });
  return (
    <Card withBorder radius="md" component="article" aria-label={`Review by ${r.author.name}`}>
      <Group justify="space-between" align="start">
        <Group gap="sm">
          <Avatar src={r.author.avatarUrl} alt="" color="teal" variant="filled" radius="xl">
            {initials(r.author.name)}
          </Avatar>
          <div>
            <Text fw={600}>{r.author.name}</Text>
            <Text size="xs" c="gray.7">
              {formatDateTime(r.createdAt, zone)}
            </Text>
          </div>
        </Group>
        {/* a read-only Rating is a plain element: the name goes on a wrapper with an image role */}
        <Box role="img" aria-label={`${r.rating} of 5 stars`}>
          <Rating value={r.rating} readOnly aria-hidden />
        </Box>
      </Group>
      {r.comment && <Text mt="sm">{r.comment}</Text>}
      {r.reply && !editing && (
        <Card bg="gray.0" mt="sm" padding="sm" radius="sm">
          <Text size="xs" fw={600}>
            Your reply{r.repliedAt ? `, ${formatDateTime(r.repliedAt, zone)}` : ''}
          </Text>
          <Text size="sm">{r.reply}</Text>
        </Card>
      )}
      {editing ? (
        <Stack mt="sm" gap="xs">
          <FailureAlert message={failure} title="Not published" />
          <Textarea
            label={`Your reply to ${r.author.name}`}
            description="Everyone sees it under the review."
            autosize
            minRows={2}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Group>
            <Button size="xs" loading={loading} disabled={!text.trim()} onClick={() => void save(text)}>
              Publish reply
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group mt="sm" gap="xs">
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            {r.reply ? 'Edit reply' : 'Reply'}
          </Button>
          {r.reply && (
            <Button size="xs" variant="subtle" color="red" loading={loading} onClick={() => void save('')}>
              Remove reply
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
