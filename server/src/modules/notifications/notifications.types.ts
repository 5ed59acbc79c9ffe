// The Notification GraphQL type: the root value is the notification row itself.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/common.types';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';

/** The GraphQL enum of NOTIFICATION_KINDS (Notification.type carries one of them). */
export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'What a notification tells about.' });

@ObjectType()
export class NotificationPreference {
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => Boolean, { description: 'Whether this kind also comes by email; in-app notifications always come.' }) email!: boolean;
}

@ObjectType()
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'One of NotificationKind (older notifications may carry other words).' }) type!: string;
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
