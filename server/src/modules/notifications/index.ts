// Notifications: the inbox people read in the app. Other modules write through
// NotificationsService.notify(); notificationAdded lives with the other subscriptions
// in the realtime module.
import type { Db } from '../../infra/database';
import type { ModuleParts } from '../module';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';

export const notificationsResolvers = [NotificationsResolver] as const;

export function notificationsModule(prisma: Db) {
  const notifications = new NotificationsService(prisma);
  const parts: ModuleParts = { bindings: [[NotificationsResolver, new NotificationsResolver(notifications)]] };
  return { notifications, parts };
}
