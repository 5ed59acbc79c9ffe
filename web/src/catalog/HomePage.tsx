import { Box, Button, Container, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { ACCENT } from '../app/theme';
import { useQuery } from '@apollo/client/react';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../app/page-title';
import { CardSkeletons, EmptyState, ErrorNotice } from '../app/screen-states';
import { CategoriesDocument, SearchServicesDocument } from '../gql/graphql';
import { ServiceCard } from './ServiceCard';

export function HomePage() {
  usePageTitle(null);
  return (
    <>
      <Hero />
      <Container size="lg" py="xl">
        <CategoryChips />
        <PopularServices />
      </Container>
    </>
  );
}

function Hero() {
  const [text, setText] = useState('');
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate(`/search?${new URLSearchParams(text.trim() ? { q: text.trim() } : {})}`);
  };
  return (
    <Box bg="teal.9" c="white" py={{ base: 40, sm: 64 }}>
      <Container size="md">
        <Stack gap="md">
          <Title order={1} fz={{ base: 30, sm: 44 }} lh={1.15}>
            Trusted home services, booked in minutes
          </Title>
          <Text fz="lg" c="white">
            Plumbers, cleaners, electricians and more: see real free times, book a slot and pay securely.
          </Text>
          <form role="search" onSubmit={submit}>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                aria-label="Search services"
                placeholder="What do you need? e.g. sink plumbing"
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                leftSection={<IconSearch size={18} aria-hidden />}
                size="lg"
                radius="xl"
                style={{ flex: 1 }}
              />
              <Button type="submit" size="lg" radius="xl" color={ACCENT}>
                Search
              </Button>
            </Group>
          </form>
        </Stack>
      </Container>
    </Box>
  );
}

function CategoryChips() {
  const { data, loading, error } = useQuery(CategoriesDocument);
  return (
    <Stack gap="sm" mb="xl" component="section" aria-labelledby="categories-heading">
      <Title order={2} size="h3" id="categories-heading">
        Browse by category
      </Title>
      {error && <ErrorNotice error={error} title="Categories did not load" />}
      <Group gap="xs">
        {loading && Array.from({ length: 8 }, (_, i) => <Skeleton key={i} height={32} width={110} radius="xl" />)}
        {data?.categories.map((c) => (
          <Button key={c.id} component={Link} to={`/search?category=${c.id}`} variant="default" radius="xl" size="sm">
            {c.name}
            <Text span size="xs" c="dimmed" ml={6}>
              {c.serviceCount}
            </Text>
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

function PopularServices() {
  const { data, loading, error, refetch } = useQuery(SearchServicesDocument, { variables: { orderBy: 'RATING', first: 8 } });
  const services = data?.services.edges ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="popular-heading">
      <Group justify="space-between">
        <Title order={2} size="h3" id="popular-heading">
          Top-rated services
        </Title>
        <Button component={Link} to="/search?sort=RATING" variant="subtle">
          See all
        </Button>
      </Group>
      {error && <ErrorNotice error={error} retry={refetch} />}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {loading && !data && <CardSkeletons count={8} />}
        {services.map(({ node }) => (
          <ServiceCard key={node.id} service={node} />
        ))}
      </SimpleGrid>
      {data && services.length === 0 && <EmptyState title="No services yet">Providers are joining; check back soon.</EmptyState>}
    </Stack>
  );
}
