import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/notifications.json";

// The notification preferences' English words arrive with that page's code, not with the first page (the bundle
// budget): the Spanish catalog holds every part.
registerEnglish(english);
