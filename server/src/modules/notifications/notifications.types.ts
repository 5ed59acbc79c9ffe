// The Notification GraphQL type: the root value is the notification row itself.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/common.types';

@ObjectType()
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => String) type!: string;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => ID, { nullable: true }) bookingId!: string | null;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
  @Field(() => Date) createdAt!: Date;

  userId!: string;
}

@ObjectType()
export class NotificationEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Notification) node!: Notification;
}

// Written out rather than ConnectionType(...): the inbox also counts what is unread.
@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges!: NotificationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int, { description: "The viewer's unread notifications, whatever the filter." }) unreadCount!: number;
}
