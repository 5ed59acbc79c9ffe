// Every text a client sends, checked once before anything runs, whichever field it is for:
// no NUL characters and no half surrogate pairs (PostgreSQL cannot store them, and no
// person means them), and every ID is a UUID (all our ids are). Literals and variables
// alike, down through input objects and lists. Refused with BAD_USER_INPUT naming the
// field the way the services do: an input object's field by its own name (`title` of
// `input`, `address.city`), a plain argument by its name (`reason`, `ids`).
import {
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { refusal } from './error-wire';
import { perDocument } from './per-document';

// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Variables = Record<string, unknown> | undefined;

interface ArgumentSite {
  type: GraphQLInputType;
  value: ValueNode;
  name: string;
}

/** Every argument the document passes, with its declared type. */
const argumentsOf = perDocument((schema, document) => {
  const sites: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (argument) sites.push({ type: argument.type, value: node.value, name: node.name.value });
      },
    }),
  );
  return sites;
});

/** Throws BAD_USER_INPUT for the first unstorable text or malformed id in the operation's inputs. */
export function refuseUnsafeInput(schema: GraphQLSchema, document: DocumentNode, variables: Variables): void {
  for (const site of argumentsOf(schema, document)) checkLiteral(site.type, site.value, '', variables, site.name);
}

const inside = (path: string, name: string) => (path ? `${path}.${name}` : name);

function checkLiteral(type: GraphQLInputType, node: ValueNode, path: string, variables: Variables, argument: string): void {
  if (node.kind === Kind.VARIABLE) return checkValue(type, variables?.[node.name.value], path, argument);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (node.kind !== Kind.LIST) return checkLiteral(nullable.ofType, node, path, variables, argument);
    for (const item of node.values) checkLiteral(nullable.ofType, item, path, variables, argument);
  } else if (isInputObjectType(nullable)) {
    if (node.kind !== Kind.OBJECT) return;
    const fields = nullable.getFields();
    for (const field of node.fields) {
      const declared = fields[field.name.value];
      if (declared) checkLiteral(declared.type, field.value, inside(path, field.name.value), variables, argument);
    }
  } else if (node.kind === Kind.STRING) {
    checkText(nullable.name === 'ID', node.value, path || argument);
  }
}

function checkValue(type: GraphQLInputType, value: unknown, path: string, argument: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkValue(nullable.ofType, value, path, argument);
    for (const item of value) checkValue(nullable.ofType, item, path, argument);
  } else if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const [name, field] of Object.entries(nullable.getFields())) {
      checkValue(field.type, (value as Record<string, unknown>)[name], inside(path, name), argument);
    }
  } else if (typeof value === 'string') {
    checkText(nullable.name === 'ID', value, path || argument);
  }
}

function checkText(isId: boolean, text: string, field: string): void {
  if (UNSTORABLE.test(text)) {
    throw refusal('BAD_USER_INPUT', `${field}: contains a character that cannot be stored (NUL or half a surrogate pair); remove it`, {
      field,
    });
  }
  if (isId && !UUID.test(text)) throw refusal('BAD_USER_INPUT', `${field}: not a valid id`, { field });
}
