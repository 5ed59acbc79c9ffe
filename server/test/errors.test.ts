// What clients see when something goes wrong: a contract ErrorCode on every error, the
// right HTTP status for requests that never ran, a request id, and never a stack trace
// or a line of SQL.
import { aCustomer } from './support/accounts';
import { codes, startTestApp, type GqlResult, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

/** Nothing of the server's insides: no stack trace, no file paths, no SQL or Prisma. */
function expectNothingInternal(r: GqlResult) {
  expect(r.errors?.length).toBeGreaterThan(0);
  for (const error of r.errors!) {
    expect(error.extensions).toBeDefined();
    expect(error.extensions!.stacktrace).toBeUndefined();
    expect(error.extensions!.exception).toBeUndefined();
  }
  const body = JSON.stringify(r.errors);
  expect(body).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|\/src\//);
  expect(body).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE FROM|relation|prisma)\b/i);
}

async function postRaw(body: string, headers: Record<string, string> = {}): Promise<GqlResult> {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { data?: null; errors?: GqlResult['errors'] };
  return { status: res.status, data: json.data ?? null, errors: json.errors, headers: res.headers };
}

it('answers a malformed query with 400 GRAPHQL_PARSE_FAILED', async () => {
  const r = await t.gql(`{ me { id `);
  expect(r.status).toBe(400);
  expect(codes(r)).toEqual(['GRAPHQL_PARSE_FAILED']);
  expectNothingInternal(r);
});

it('answers an unknown field with 400 GRAPHQL_VALIDATION_FAILED', async () => {
  const r = await t.gql(`{ me { id shoeSize } }`);
  expect(r.status).toBe(400);
  expect(codes(r)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(r.errors![0]!.message).toMatch(/shoeSize/);
  expectNothingInternal(r);
});

it('refuses a too-deep query with QUERY_TOO_COMPLEX before running it', async () => {
  // __type is not exempt from the depth limit (only __schema is): 15 levels against a limit of 12.
  const ofType = (depth: number): string => (depth === 0 ? 'name' : `ofType { ${ofType(depth - 1)} }`);
  const r = await t.gql(`{ __type(name: "User") { fields { type { ${ofType(11)} } } } }`);
  expect(r.status).toBe(400);
  expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(r.errors![0]!.message).toMatch(/depth limit of 12/);
  expect(r.data).toBeNull();
  expectNothingInternal(r);
});

it('refuses a query of more than 5000 tokens with 400 GRAPHQL_PARSE_FAILED', async () => {
  const r = await t.gql(`{ ${'__typename '.repeat(6000)} }`);
  expect(r.status).toBe(400);
  expect(codes(r)).toEqual(['GRAPHQL_PARSE_FAILED']);
  expect(r.errors![0]!.message).toMatch(/5000 tokens/);
  expectNothingInternal(r);
});

it('answers a body that is not a GraphQL request with 400 BAD_REQUEST', async () => {
  const r = await postRaw(JSON.stringify({ variables: {} }));
  expect(r.status).toBe(400);
  expect(codes(r)).toEqual(['BAD_REQUEST']);
});

it('puts an X-Request-Id on every response, keeping a sane one the client sent', async () => {
  const r = await t.gql(`{ __typename }`);
  expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect((await t.gql(`{ __typename }`, {}, { headers: { 'x-request-id': 'client-trace-0001' } })).headers.get('x-request-id')).toBe(
    'client-trace-0001',
  );
  const health = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
  expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('keeps errors from credentials and rules free of internals too', async () => {
  expectNothingInternal(await t.gql(`{ me { id } }`, {}, { token: 'not-a-jwt' }));
  expectNothingInternal(await t.gql(`{ users { totalCount } }`, {}, { token: (await aCustomer(t)).token }));
  expectNothingInternal(await t.gql(`mutation { login(email: "x@example.test", password: "wrong-password") { accessToken } }`));
});

it('hides an unexpected failure behind INTERNAL_SERVER_ERROR with the request id, and no SQL', async () => {
  // An app with a database of its own, so breaking it harms no other test.
  const broken = await startTestApp();
  try {
    const account = await aCustomer(broken);
    // A lost table is a fault the API cannot foresee; only myApiKeys reads it.
    await broken.app.infra.prisma.$executeRawUnsafe('DROP TABLE api_key');

    const r = await broken.gql(`{ myApiKeys { id } }`, {}, { token: account.token });
    expect(codes(r)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(r.errors![0]!.message).toMatch(/request id/);
    expect(r.errors![0]!.extensions!.requestId).toBe(r.headers.get('x-request-id'));
    expect(r.errors![0]!.message).not.toMatch(/api_key|exist/);
    expectNothingInternal(r);
    // The rest of the API still answers.
    expect((await broken.gql(`{ me { id } }`, {}, { token: account.token })).data!.me.id).toBe(account.id);
  } finally {
    await broken.stop();
  }
});
