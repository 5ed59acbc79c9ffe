// GraphQL shapes shared by every module: money and Relay connections. The values behind
// them (money(), pageSize, cursors, toConnection) are transport-free, in shared/.
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Money as MoneyValue } from '../shared/money';
import type { PageInfo as PageInfoValue } from '../shared/paging';

@ObjectType()
export class Money implements MoneyValue {
  @Field(() => Int, { description: 'Integer minor units (poisha for BDT).' })
  amount!: number;

  @Field(() => String)
  currency!: string;
}

@ObjectType()
export class PageInfo implements PageInfoValue {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Declares `<Name>Edge` and `<Name>Connection` for a node type. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionClass;
}
