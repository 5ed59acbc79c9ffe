// The operation policy on WebSocket: graphql-ws hands every operation (queries and
// mutations too, not only subscriptions) to onSubscribe, which parses, validates and
// admits it exactly as Apollo does over HTTP, spends the caller's /graphql budget, and
// formats errors with the same mapper.
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
import type { Extra } from 'graphql-ws/use/ws';
import type { ApiBudget } from '../http/api-rate-limit';
import { rateLimitedMessage } from '../http/api-rate-limit';
import type { Logger } from '../infra/logger';
import type { Authenticator } from '../modules/identity/authenticator';
import type { AppContext } from './context';
import { formatError, refusal, reportErrors } from './error-wire';
import { wsContext } from './http-context';
import type { OperationPolicy } from './operation-policy';

export interface WsPipelineDeps {
  schema: GraphQLSchema;
  policy: OperationPolicy;
  budget: ApiBudget;
  authenticator: Authenticator;
  log: Logger;
}

type Options = ServerOptions<Record<string, unknown>, Extra>;

/** A GraphQL error of graphql-js's own (parse, validation, variables) with the code Apollo gives it. */
const coded = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });

export function wsPipeline(deps: WsPipelineDeps): Options {
  const { schema, policy, budget, authenticator, log } = deps;
  const rules = [...specifiedRules, ...policy.validationRules];

  const format = (errors: readonly GraphQLError[], context: AppContext | undefined, payload: SubscribePayload) => {
    const formatted: GraphQLFormattedError[] = errors.map((e) => formatError(e.toJSON(), e));
    const request = context ?? { requestId: crypto.randomUUID(), log };
    reportErrors(errors, formatted, { ...request, operationName: payload.operationName });
    return formatted;
  };

  const onSubscribe: Options['onSubscribe'] = async (ctx, _id, payload) => {
    let document: DocumentNode;
    try {
      document = parse(payload.query, policy.parseOptions);
    } catch (err) {
      return [coded(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
    }
    const invalid = validate(schema, document, rules, { hideSuggestions: true });
    if (invalid.length) return invalid.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
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
    onNext: (_ctx, _id, payload, args, result) =>
      result.errors?.length ? { ...result, errors: format(result.errors, args.contextValue as AppContext, payload) } : undefined,
    onError: (_ctx, _id, payload, errors) => format(errors, undefined, payload),
  };
}
