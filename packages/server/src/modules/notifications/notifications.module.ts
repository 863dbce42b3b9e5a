import { EmailPreviewResolver } from "./email-preview.resolver";
import { NotificationsResolver } from "./notifications.resolver";

export const notificationsModule = {
  entities: [],
  resolvers: [NotificationsResolver, EmailPreviewResolver],
} as const;
