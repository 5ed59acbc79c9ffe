// The GraphQL explorer: GraphiQL bundled into this chunk (no CDN, works offline), signed in
// as the current user or with a pasted API key.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { Alert, Badge, Box, Group, PasswordInput, Text, Title } from '@mantine/core';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useState } from 'react';
import type { GraphQLSchema } from 'graphql';
import { useAuth } from '../app/auth/AuthProvider';
import { usePageTitle } from '../app/page-title';
import { explorerFetcher, loadSchema, type SchemaSource } from './explorer-fetcher';

const FIRST_QUERY = `# Try a query, then a subscription such as notificationAdded.
query Categories {
  categories { id name slug serviceCount }
}
`;

export function ExplorerPage() {
  usePageTitle('GraphQL explorer');
  const { viewer } = useAuth();
  const [apiKey, setApiKey] = useState('');
  const [loaded, setLoaded] = useState<{ schema: GraphQLSchema; source: SchemaSource } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { fetcher, dispose } = useMemo(() => explorerFetcher(apiKey), [apiKey, viewer?.id]); // a new viewer means new credentials
  useEffect(() => dispose, [dispose]);

  useEffect(() => {
    if (viewer === undefined) return; // the session is still being restored
    let current = true;
    loadSchema(apiKey)
      .then((s) => current && (setLoaded(s), setError(null)))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [apiKey, viewer]);

  return (
    <Box px="md" py="sm">
      <Group justify="space-between" align="end" mb="sm" wrap="wrap">
        <div>
          <Title order={1} size="h3">
            GraphQL explorer
          </Title>
          <Text size="sm" c="gray.7">
            {apiKey
              ? 'Requests use the API key.'
              : viewer
                ? `Signed in as ${viewer.name} (${viewer.role.toLowerCase()}).`
                : 'Not signed in: public queries only.'}{' '}
            {loaded && (
              <Badge variant="filled" color="dark" size="sm">
                schema from {loaded.source}
              </Badge>
            )}
          </Text>
        </div>
        <PasswordInput
          label="API key"
          description="Paste a key to call the API as an integrator would"
          placeholder="hsk_…"
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
          w={340}
        />
      </Group>
      {error && (
        <Alert color="red" title="The explorer could not start" role="alert" mb="sm">
          {error}
        </Alert>
      )}
      <Box style={{ height: 'calc(100vh - 190px)', minHeight: 480 }}>
        {loaded && (
          <GraphiQL key={`${apiKey}:${viewer?.id ?? ''}`} fetcher={fetcher} schema={loaded.schema} defaultQuery={FIRST_QUERY}>
            {/* In place of GraphiQL's own logo link, whose grey fails WCAG's contrast minimum. */}
            <GraphiQL.Logo>
              <span style={{ color: 'hsl(var(--color-neutral))' }}>HomeSer API</span>
            </GraphiQL.Logo>
          </GraphiQL>
        )}
      </Box>
    </Box>
  );
}
