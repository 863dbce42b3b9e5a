import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/consent-records.json";

// The consent records page's English words arrive with that page's code (the bundle budget); the Spanish catalog
// holds every part.
registerEnglish(english);
