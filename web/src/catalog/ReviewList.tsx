import { Avatar, Box, Button, Card, Group, Rating as Stars, Stack, Text } from '@mantine/core';
import { formatDay } from '../app/format/time';
import { EmptyState } from '../app/screen-states';
import type { ReviewItemFragment } from '../gql/graphql';

interface Props {
  reviews: { node: ReviewItemFragment }[];
  hasMore: boolean;
  loadingMore?: boolean;
  onLoadMore(): void;
}

export function ReviewList({ reviews, hasMore, loadingMore, onLoadMore }: Props) {
  if (!reviews.length) return <EmptyState title="No reviews yet">Be the first: book, and review after the visit.</EmptyState>;
  return (
    <Stack gap="sm">
      {reviews.map(({ node }) => (
        <Card key={node.id} withBorder radius="md" padding="md" component="article">
          <Group gap="sm" mb={6}>
            <Avatar src={node.author.avatarUrl} alt="" radius="xl" size={32} color="teal" variant="filled">
              {node.author.name.slice(0, 1)}
            </Avatar>
            <div>
              <Text fw={600} size="sm">
                {node.author.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDay(node.createdAt)}
              </Text>
            </div>
            <Box role="img" aria-label={`${node.rating} out of 5 stars`} ml="auto">
              <Stars value={node.rating} readOnly size="sm" aria-hidden />
            </Box>
          </Group>
          {node.comment && <Text size="sm">{node.comment}</Text>}
        </Card>
      ))}
      {hasMore && (
        <Button variant="default" onClick={onLoadMore} loading={loadingMore}>
          More reviews
        </Button>
      )}
    </Stack>
  );
}
