// One rule set for every operation, whichever transport carried it (HTTP through Apollo,
// WebSocket through graphql-ws): the parser's token limit, graphql-armor's depth, alias,
// directive and cost limits, the introspection policy, no schema hints in errors, and,
// once the caller is known, API-key scopes and the input guard (text and ids). apollo-pipeline.ts and
// ws-pipeline.ts only plug this into their transport.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode, ParseOptions, ValidationRule } from 'graphql';
import { refuseOutOfScope } from './api-scope';
import type { AppContext } from './context';
import { refuseUnsafeInput } from './input-guard';
import { refuseIntrospection } from './introspection-policy';

export interface OperationPolicy {
  parseOptions: ParseOptions;
  /** Added to graphql-js's specified rules. */
  validationRules: ValidationRule[];
  /** Runs after validation, before execution, with the caller known; throws a refusal. */
  admit(request: AdmitRequest): void;
}

export interface AdmitRequest {
  context: AppContext;
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** As the client sent them, before coercion. */
  variables: Record<string, unknown> | undefined;
}

export const MAX_TOKENS = 5000;

export function operationPolicy(options: { production: boolean }): OperationPolicy {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 20000 },
    // The parser's own maxTokens refuses oversized queries with GRAPHQL_PARSE_FAILED; armor's answers 500.
    maxTokens: { enabled: false },
    // Suggestions are dropped for every mode in error-wire.ts, on both transports.
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return {
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules,
    admit({ context, schema, document, operation, variables }) {
      refuseOutOfScope(context.viewer, schema, document, operation);
      if (options.production) refuseIntrospection(context.viewer, schema, document);
      refuseUnsafeInput(schema, document, variables);
    },
  };
}
