import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/accommodations.json";

// The accommodation fields' English words arrive with their (lazily loaded) code, not with the first page (the bundle
// budget): the Spanish catalog holds every part.
registerEnglish(english);
