import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/mail.json";

// The email preview's English words arrive with its code (the Spanish catalog holds every area's).
registerEnglish(english);
