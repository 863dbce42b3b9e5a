import { NotificationsResolver } from "./notifications.resolver";

export const notificationsModule = {
  entities: [],
  resolvers: [NotificationsResolver],
} as const;
