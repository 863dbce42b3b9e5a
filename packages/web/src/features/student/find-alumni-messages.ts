import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/find-alumni.json";

// The find-alumni page's own English words (match reasons, the already-contacted line) arrive with its code, not with
// the first page or the student area's catalog (the bundle budget); the Spanish catalog holds every part.
registerEnglish(english);
