import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/advisor.json";

// The advisor pages' English words arrive with their code (the Spanish catalog holds every area's).
registerEnglish(english);
