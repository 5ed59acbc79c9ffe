import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { viewerOf, type AppContext } from '../../graphql/context';
import type { NotificationsService } from './notifications.service';
import { Notification, NotificationConnection } from './notifications.types';

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
  @Mutation(() => Int, { description: 'Marks these notifications (null: all of them) read; returns how many were unread.' })
  markNotificationsRead(@Arg('ids', () => [ID], { nullable: true }) ids: string[] | null, @Ctx() ctx: AppContext) {
    return this.inbox.markRead(viewerOf(ctx).userId, ids);
  }
}
