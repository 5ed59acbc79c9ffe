import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type AppContext } from '../../graphql/context';
import type { NotificationsService } from './notifications.service';
import type { NotificationKind } from './notification-kinds';
import { Notification, NotificationConnection, NotificationKindEnum, NotificationPreference } from './notifications.types';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly inbox: NotificationsService) {}

  @Authorized()
  @Query(() => NotificationConnection)
  notifications(
    @Arg('unreadOnly', () => Boolean, { nullable: true, defaultValue: false }) unreadOnly: boolean | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AppContext,
  ) {
    return this.inbox.inbox(viewerOf(ctx).userId, { unreadOnly, first, after });
  }

  @Authorized()
  @Query(() => [NotificationPreference], { description: 'Every kind of notification, with whether its email copy is on.' })
  notificationPreferences(@Ctx() ctx: AppContext) {
    return this.inbox.preferences(viewerOf(ctx).userId);
  }

  @Authorized()
  @Mutation(() => [NotificationPreference], { description: 'Turns the email copy of one kind on or off; in-app notifications stay.' })
  setNotificationEmail(
    @Arg('kind', () => NotificationKindEnum) kind: NotificationKind,
    @Arg('email', () => Boolean) email: boolean,
    @Ctx() ctx: AppContext,
  ) {
    return this.inbox.setEmail(viewerOf(ctx).userId, kind, email);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Marks these notifications (null: all of them) read; returns how many were unread.' })
  markNotificationsRead(@Arg('ids', () => [ID], { nullable: true }) ids: string[] | null, @Ctx() ctx: AppContext) {
    return this.inbox.markRead(viewerOf(ctx).userId, ids);
  }
}
