// Who may introspect: everyone outside production; in production only signed-in admins
// (the explorer), so the schema is not handed to every stranger. Everyone else reads the
// published SDL at /schema.graphql, which says the same (schema:check keeps it so).
import { NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Viewer } from '../modules/identity/viewer';
import { refusal } from './error-wire';
import { perDocument } from './per-document';

const introspects = perDocument((schema, document) => validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0);

/** Throws FORBIDDEN for introspection by anyone but a signed-in admin (production only). */
export function refuseIntrospection(viewer: Viewer | null, schema: GraphQLSchema, document: DocumentNode): void {
  if (viewer?.role === 'ADMIN' && !viewer.apiKey) return;
  if (!introspects(schema, document)) return;
  throw refusal('FORBIDDEN', 'Introspection is for signed-in admins here; read the schema at /schema.graphql instead');
}
