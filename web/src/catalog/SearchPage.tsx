import { Button, Container, Grid, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../app/page-title';
import { CardSkeletons, EmptyState, ErrorNotice } from '../app/screen-states';
import { CategoriesDocument, SearchServicesDocument } from '../gql/graphql';
import { readSearch, SORTS, toFilter, writeSearch, type SearchState } from './search-params';
import { ServiceCard } from './ServiceCard';

const PAGE = 12;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const search = readSearch(params);
  usePageTitle(search.q ? `“${search.q}”: services` : 'Search services');
  const update = (change: Partial<SearchState>) => setParams(writeSearch({ ...search, ...change }));
  return (
    <Container size="lg" py="xl">
      <Title order={1} size="h2" mb="md">
        {search.q ? `Services matching “${search.q}”` : 'All services'}
      </Title>
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 3 }}>
          {/* keyed by the URL: Back or a header search shows in the form */}
          <Filters key={params.toString()} search={search} onChange={update} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Results search={search} onSort={(sort) => update({ sort })} />
        </Grid.Col>
      </Grid>
    </Container>
  );
}

function Filters({ search, onChange }: { search: SearchState; onChange: (change: Partial<SearchState>) => void }) {
  const { data } = useQuery(CategoriesDocument);
  const [draft, setDraft] = useState(search);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form role="search" aria-label="Filter services" onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label="Search services" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
        <Select
          label="Category"
          placeholder="Any category"
          clearable
          data={data?.categories.map((c) => ({ value: c.id, label: c.name })) ?? []}
          value={draft.category}
          onChange={(category) => onChange({ ...draft, category })}
        />
        <TextInput
          label="City"
          placeholder="Any city"
          value={draft.city}
          onChange={(e) => setDraft({ ...draft, city: e.currentTarget.value })}
        />
        <Group grow gap="xs">
          <NumberInput
            label="Min price (৳)"
            min={0}
            allowDecimal={false}
            value={draft.min ?? ''}
            onChange={(v) => setDraft({ ...draft, min: typeof v === 'number' ? v : null })}
          />
          <NumberInput
            label="Max price (৳)"
            min={0}
            allowDecimal={false}
            value={draft.max ?? ''}
            onChange={(v) => setDraft({ ...draft, max: typeof v === 'number' ? v : null })}
          />
        </Group>
        <Button type="submit">Apply filters</Button>
      </Stack>
    </form>
  );
}

function Results({ search, onSort }: { search: SearchState; onSort: (sort: SearchState['sort']) => void }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(SearchServicesDocument, {
    variables: { filter: toFilter(search), orderBy: search.sort, first: PAGE },
    notifyOnNetworkStatusChange: true,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const connection = data?.services;
  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text c="dimmed" aria-live="polite">
          {connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'service' : 'services'}` : loading ? 'Searching…' : ''}
        </Text>
        <Select
          label="Sort by"
          data={SORTS}
          value={search.sort}
          allowDeselect={false}
          onChange={(v) => v && onSort(v as SearchState['sort'])}
          w={200}
        />
      </Group>
      {error && <ErrorNotice error={error} title="The search did not finish" retry={refetch} />}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }}>
        {loading && !loadingMore && <CardSkeletons count={6} />}
        {!(loading && !loadingMore) && connection?.edges.map(({ node }) => <ServiceCard key={node.id} service={node} />)}
      </SimpleGrid>
      {connection && connection.edges.length === 0 && !loading && (
        <EmptyState title="No services match">Try fewer words, another city, or a wider price range.</EmptyState>
      )}
      {connection?.pageInfo.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void loadMore()} loading={loadingMore}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
