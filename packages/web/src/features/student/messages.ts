import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/student.json";

// The student pages' English words arrive with their code (the Spanish catalog holds every area's).
registerEnglish(english);
