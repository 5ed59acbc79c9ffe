// Every query the SPA sends stays within the API's limits (cost, depth, aliases) as Apollo Client
// sends it: with __typename added to every selection. Three console lists once asked for 50
// rows, went over the cost limit only with those fields, and showed "This did not load".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { startTestApp, type TestApp } from './support/test-app';

const WEB_SRC = join(__dirname, '..', '..', 'web', 'src');
const LIMIT_CODES = ['QUERY_TOO_COMPLEX'];

const graphqlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'gql' ? [] : graphqlFiles(join(dir, e.name))) : e.name.endsWith('.graphql') ? [join(dir, e.name)] : [],
  );

const definitions: DefinitionNode[] = graphqlFiles(WEB_SRC).flatMap((file) => parse(readFileSync(file, 'utf8')).definitions);
const fragments = new Map(
  definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
);
const queries = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query');

/** What Apollo Client adds: __typename in every selection set below the operation's root. */
const withTypename = <T extends OperationDefinitionNode | FragmentDefinitionNode>(node: T): T =>
  visit(node, {
    SelectionSet: (set, _key, parent) =>
      parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION
        ? undefined
        : { ...set, selections: [...set.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] },
  });

/** The operation with the fragments it uses, directly or through other fragments. */
function documentOf(operation: OperationDefinitionNode): string {
  const used = new Set<string>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        if (used.has(spread.name.value)) return;
        used.add(spread.name.value);
        const fragment = fragments.get(spread.name.value);
        if (fragment) collect(fragment);
      },
    });
  collect(operation);
  return [withTypename(operation), ...[...used].map((name) => withTypename(fragments.get(name)!))].map(print).join('\n');
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

it('finds the SPA’s queries', () => {
  expect(queries.length).toBeGreaterThan(20);
});

it.each(queries.map((q) => [q.name?.value ?? '(anonymous)', q] as const))(
  '%s stays within the cost, depth and alias limits',
  async (_name, query) => {
    // Limits are checked before variables or the viewer matter; other errors (no variables, not signed in) are expected.
    const r = await t.gql(documentOf(query), {});
    const overLimit = (r.errors ?? []).filter((e) => LIMIT_CODES.includes(String(e.extensions?.code)));
    expect(overLimit.map((e) => e.message)).toEqual([]);
  },
);
