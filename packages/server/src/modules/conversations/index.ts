/** What other modules may use from conversations: they import it from here, never from its files (eslint.config.js). */
export { activityNotShared } from "./conversations.errors";
export type { DataExportService } from "./data-export.service";
