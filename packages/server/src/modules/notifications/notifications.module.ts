import { EmailPreviewResolver } from "./email-preview.resolver";
import { InAppNotificationsResolver } from "./in-app.resolver";
import { NotificationsResolver } from "./notifications.resolver";
import { NotificationPreferencesResolver } from "./preferences.resolver";

export const notificationsModule = {
  entities: [],
  resolvers: [NotificationsResolver, NotificationPreferencesResolver, EmailPreviewResolver, InAppNotificationsResolver],
} as const;
