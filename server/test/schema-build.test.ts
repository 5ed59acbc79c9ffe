// Plain @Field reads are left to graphql-js's default resolver (graphql/schema.ts), which
// would skip a rule put on such a field, so building refuses one unless the field keeps
// TypeGraphQL's resolver (simple: false), as Payment.heldReason does.
import 'reflect-metadata';
import { Authorized, Field, ObjectType } from 'type-graphql';
import { buildAppSchema } from '../src/graphql/schema';

it('refuses to build a schema whose plain field carries @Authorized', async () => {
  @ObjectType()
  class Leaky {
    @Authorized('ADMIN')
    @Field(() => String)
    secret!: string;
  }
  void Leaky;
  await expect(buildAppSchema()).rejects.toThrow(/Leaky\.secret: @Authorized\/@UseMiddleware on a plain field/);
});
