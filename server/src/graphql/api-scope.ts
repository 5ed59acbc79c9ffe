// API keys reach only the root fields that name a scope the key holds:
// `@ForApiKeys(ApiScope.BOOKINGS_READ)` on a query or mutation. Checked once per
// operation (an Apollo plugin), not per field.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import { Extensions } from 'type-graphql';
import type { ApiScope } from '../generated/prisma/enums';
import type { AppContext } from './context';

export const ForApiKeys = (scope: ApiScope) => Extensions({ apiScope: scope });

function rootFieldNames(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, out = new Set<string>()) {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFieldNames(sel.selectionSet, fragments, out);
    else {
      const fragment = fragments[sel.name.value];
      if (fragment) rootFieldNames(fragment.selectionSet, fragments, out);
    }
  }
  return out;
}

export const apiScopePlugin: ApolloServerPlugin<AppContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, schema, document }) {
        const key = contextValue.viewer?.apiKey;
        if (!key || !operation) return;
        const root: GraphQLObjectType | null | undefined =
          operation.operation === 'query'
            ? schema.getQueryType()
            : operation.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        const fragments = Object.fromEntries(
          document.definitions
            .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
            .map((d) => [d.name.value, d]),
        );
        for (const name of rootFieldNames(operation.selectionSet, fragments)) {
          if (name === '__typename' || name.startsWith('__')) continue;
          const scope = root?.getFields()[name]?.extensions?.apiScope as ApiScope | undefined;
          if (!scope || !key.scopes.includes(scope)) {
            throw new GraphQLError(
              scope
                ? `This API key lacks the ${scope} scope needed for ${name}`
                : `API keys cannot call ${name}; sign in as a user instead`,
              { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
            );
          }
        }
      },
    };
  },
};
