// API keys reach only the root fields that name a scope the key holds:
// `@ForApiKeys(ApiScope.BOOKINGS_READ)` on a query, mutation or subscription. Checked once
// per operation by the operation policy (both transports), not per field.
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { Extensions } from 'type-graphql';
import type { ApiScope } from '../generated/prisma/enums';
import type { Viewer } from '../modules/identity/viewer';
import { refusal } from './error-wire';

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

/** Throws FORBIDDEN when an API key calls a root field outside its scopes. */
export function refuseOutOfScope(viewer: Viewer | null, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) {
  const key = viewer?.apiKey;
  if (!key) return;
  const root = schema.getRootType(operation.operation);
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  for (const name of rootFieldNames(operation.selectionSet, fragments)) {
    if (name.startsWith('__')) continue;
    const scope = root?.getFields()[name]?.extensions?.apiScope as ApiScope | undefined;
    if (!scope || !key.scopes.includes(scope)) {
      throw refusal(
        'FORBIDDEN',
        scope ? `This API key lacks the ${scope} scope needed for ${name}` : `API keys cannot call ${name}; sign in as a user instead`,
      );
    }
  }
}
