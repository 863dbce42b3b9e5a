import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/notification-centre.json";

// The notification centre's English words arrive with the bell's own chunk, not with the first page (the bundle
// budget): the Spanish catalog holds every part.
registerEnglish(english);
