import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/consent-review.json";

// The consent review notice's English words arrive with its code, after the frame (the bundle budget); the Spanish
// catalog holds every part.
registerEnglish(english);
