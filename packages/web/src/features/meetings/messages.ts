import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/meetings.json";

// The meeting-check page's English words arrive with its code (the Spanish catalog holds every area's).
registerEnglish(english);
