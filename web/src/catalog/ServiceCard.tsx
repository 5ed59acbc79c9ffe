import { AspectRatio, Badge, Card, Group, Image, Stack, Text } from '@mantine/core';
import { IconClock, IconStarFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatMoney } from '../app/format/money';
import { formatDuration } from '../app/format/time';
import type { ServiceCardFragment } from '../gql/graphql';

export function ServiceCard({ service }: { service: ServiceCardFragment }) {
  const image = service.images[0];
  return (
    <Card component="article" withBorder radius="md" padding="md" className="service-card" pos="relative">
      <Card.Section>
        <AspectRatio ratio={3 / 2}>
          {image ? (
            <Image src={image.url} alt="" loading="lazy" />
          ) : (
            <div style={{ background: 'var(--mantine-color-teal-1)' }} aria-hidden />
          )}
        </AspectRatio>
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Badge variant="light" color="gray" size="sm">
          {service.category.name}
        </Badge>
        <Text
          component={Link}
          to={`/services/${service.id}`}
          fw={600}
          lh={1.3}
          className="card-link"
          style={{ color: 'inherit', textDecoration: 'none' }}
        >
          {service.title}
        </Text>
        <Text size="sm" c="dimmed">
          {service.provider.businessName}
          {service.provider.city ? ` · ${service.provider.city}` : ''}
        </Text>
        <Group justify="space-between" mt={4}>
          <Text fw={700} c="teal.9">
            {formatMoney(service.price)}
          </Text>
          <Group gap={10}>
            <Group gap={4}>
              <IconClock size={14} aria-hidden />
              <Text size="sm">{formatDuration(service.durationMinutes)}</Text>
            </Group>
            <Rating average={service.provider.ratingAverage} count={service.provider.ratingCount} />
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

export function Rating({ average, count }: { average: number | null | undefined; count: number }) {
  if (!count || average == null) {
    return (
      <Text size="sm" c="dimmed">
        New
      </Text>
    );
  }
  return (
    <Group gap={4} role="img" aria-label={`Rated ${average.toFixed(1)} out of 5 from ${count} reviews`}>
      <IconStarFilled size={14} color="var(--mantine-color-yellow-6)" aria-hidden />
      <Text size="sm" fw={600} aria-hidden>
        {average.toFixed(1)}
      </Text>
      <Text size="sm" c="dimmed" aria-hidden>
        ({count})
      </Text>
    </Group>
  );
}
