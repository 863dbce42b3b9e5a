import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/retention.json";

// The retention page's English words arrive with that page's code, not with the admin area (the bundle budget):
// the Spanish catalog holds every part.
registerEnglish(english);
