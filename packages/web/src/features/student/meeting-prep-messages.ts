import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/meeting-prep.json";

// Before you meet and the meeting view bring their own English words (not the first page's, nor the whole student
// area's: the bundle budget); the Spanish catalog holds every part.
registerEnglish(english);
