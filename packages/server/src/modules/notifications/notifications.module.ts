import { EmailPreviewResolver } from "./email-preview.resolver";
import { NotificationsResolver } from "./notifications.resolver";
import { NotificationPreferencesResolver } from "./preferences.resolver";

export const notificationsModule = {
  entities: [],
  resolvers: [NotificationsResolver, NotificationPreferencesResolver, EmailPreviewResolver],
} as const;
