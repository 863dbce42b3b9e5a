import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/admin.json";

// The admin pages' English words arrive with their code (the Spanish catalog holds every area's).
registerEnglish(english);
