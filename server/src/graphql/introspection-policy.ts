// Who may introspect: everyone outside production; in production only signed-in admins
// (the explorer), so the schema is not handed to every stranger. Everyone else reads the
// published SDL at /schema.graphql, which says the same (schema:check keeps it so).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import type { AppContext } from './context';

export function introspectionPolicy(open: boolean): ApolloServerPlugin<AppContext> {
  return {
    async requestDidStart() {
      if (open) return;
      return {
        async didResolveOperation({ contextValue, schema, document }) {
          const viewer = contextValue.viewer;
          if (viewer?.role === 'ADMIN' && !viewer.apiKey) return;
          if (!validate(schema, document, [NoSchemaIntrospectionCustomRule]).length) return;
          throw new GraphQLError('Introspection is for signed-in admins here; read the schema at /schema.graphql instead', {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        },
      };
    },
  };
}
