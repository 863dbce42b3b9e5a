import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/thank-you.json";

// The thank-you composer's English words (and the notes' "one thing you will do") arrive with the pages that use
// them, not with the first page (the bundle budget): the Spanish catalog holds every part.
registerEnglish(english);
