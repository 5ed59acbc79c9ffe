// DateTime goes to the wire as the ISO string: an answer holds no Date for each stringify
// to convert again, and the bytes stay what clients have always read.
import 'reflect-metadata';
import { graphql, GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { isoInstant } from '../src/graphql/date-time-scalar';
import { buildAppSchema } from '../src/graphql/schema';

it('serializes DateTime to its ISO string and still refuses what is not an instant', async () => {
  const schema = await buildAppSchema();
  const scalar = schema.getType('DateTime') as GraphQLScalarType;
  const at = new Date('2026-12-03T09:30:00.000Z');
  expect(scalar.serialize(at)).toBe('2026-12-03T09:30:00.000Z');
  expect(scalar.serialize('2026-12-03T15:30:00+06:00')).toBe('2026-12-03T09:30:00.000Z');
  expect(scalar.parseValue('2026-12-03T09:30:00Z')).toEqual(at);
  expect(() => scalar.serialize(new Date(NaN))).toThrow();
  expect(() => scalar.parseValue('next tuesday')).toThrow();
  expect(scalar.description).toMatch(/date-time/i);
});

it('answers a query with DateTime strings in the result, not Date objects', async () => {
  const schema = await buildAppSchema();
  const scalar = schema.getType('DateTime') as GraphQLScalarType;
  const query = new GraphQLObjectType({ name: 'Q', fields: { epoch: { type: scalar, resolve: () => new Date(0) } } });
  const result = await graphql({ schema: new GraphQLSchema({ query }), source: '{ epoch }' });
  expect(result.data?.epoch).toBe('1970-01-01T00:00:00.000Z');
});

it('writes every instant exactly as Date#toISOString does', () => {
  const edges = [0, -1, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
  const extended = [Date.UTC(10_000, 0, 1), Date.UTC(-1, 5, 15, 12), -8.64e15, 8.64e15];
  const random = Array.from({ length: 20_000 }, () => Math.round((Math.random() - 0.3) * 4e12));
  const instants = [...edges, ...extended, ...random].map((ms) => new Date(ms));
  expect(instants.map(isoInstant)).toEqual(instants.map((d) => d.toISOString()));
});
