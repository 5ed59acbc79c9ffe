// The operation policy on WebSocket: graphql-ws hands every operation (queries and
// mutations too, not only subscriptions) to onSubscribe, which parses, validates and
// admits it exactly as Apollo does over HTTP, spends the caller's /graphql budget, and
// formats errors with the same mapper. A document is parsed and validated once per query
// text (thousands of clients send the same few), and a subscription's events are executed
// once per audience, not per subscriber (shared-execution.ts).
import { getVariableValues } from 'graphql/execution/values';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { ServerOptions, SubscribePayload } from 'graphql-ws';
import { LRUCache } from 'lru-cache';
import type { Extra } from 'graphql-ws/use/ws';
import type { ApiBudget } from '../http/api-rate-limit';
import { rateLimitedMessage } from '../http/api-rate-limit';
import type { Logger } from '../infra/logger';
import type { Authenticator } from '../modules/identity/authenticator';
import type { AppContext } from './context';
import { formatError, refusal, reportErrors } from './error-wire';
import { wsContext } from './http-context';
import type { OperationPolicy } from './operation-policy';
import { subscribeShared } from './shared-execution';

export interface WsPipelineDeps {
  schema: GraphQLSchema;
  policy: OperationPolicy;
  budget: ApiBudget;
  authenticator: Authenticator;
  log: Logger;
}

type Options = ServerOptions<Record<string, unknown>, Extra>;

const DOCUMENTS_KEPT = 1000;
const DOCUMENT_TEXT_KEPT = 8192;

/** A GraphQL error of graphql-js's own (parse, validation, variables) with the code Apollo gives it. */
const coded = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });

export function wsPipeline(deps: WsPipelineDeps): Options {
  const { schema, policy, budget, authenticator, log } = deps;
  const rules = [...specifiedRules, ...policy.validationRules];
  // Valid documents by query text; a document that fails parsing or validation is not kept.
  const documents = new LRUCache<string, DocumentNode>({ max: DOCUMENTS_KEPT });

  const format = (errors: readonly GraphQLError[], context: AppContext | undefined, payload: SubscribePayload) => {
    const formatted: GraphQLFormattedError[] = errors.map((e) => formatError(e.toJSON(), e));
    const request = context ?? { requestId: crypto.randomUUID(), log };
    reportErrors(errors, formatted, { ...request, operationName: payload.operationName });
    return formatted;
  };

  const onSubscribe: Options['onSubscribe'] = async (ctx, _id, payload) => {
    let document = documents.get(payload.query);
    if (!document) {
      try {
        document = parse(payload.query, policy.parseOptions);
      } catch (err) {
        return [coded(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
      }
      const invalid = validate(schema, document, rules, { hideSuggestions: true });
      if (invalid.length) return invalid.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
      if (payload.query.length <= DOCUMENT_TEXT_KEPT) documents.set(payload.query, document);
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal('OPERATION_RESOLUTION_FAILURE', 'Name the operation to run (operationName)')];

    const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
    const connection = {
      ip: ctx.extra.request.socket.remoteAddress ?? 'unknown',
      authentication: authenticator.viewerFrom(typeof authorization === 'string' ? authorization : undefined),
    };
    // Credentials that are not valid spend the IP's budget; the context refuses them below.
    const retryAfterSeconds = await budget.spend(await connection.authentication.catch(() => null), connection.ip);
    if (retryAfterSeconds !== null) return [refusal('RATE_LIMITED', rateLimitedMessage(retryAfterSeconds), { retryAfterSeconds })];
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { hideSuggestions: true });
    if (variables.errors) return variables.errors.map((e) => coded(e, 'BAD_USER_INPUT'));

    let context: AppContext;
    try {
      context = await wsContext(connection, log);
      policy.admit({ context, schema, document, operation, variables: payload.variables ?? undefined });
    } catch (err) {
      if (err instanceof GraphQLError) return [err];
      throw err;
    }
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
  };

  return {
    schema,
    onSubscribe,
    subscribe: subscribeShared,
    onNext: (_ctx, _id, payload, args, result) =>
      result.errors?.length ? { ...result, errors: format(result.errors, args.contextValue as AppContext, payload) } : undefined,
    onError: (_ctx, _id, payload, errors) => format(errors, undefined, payload),
  };
}
