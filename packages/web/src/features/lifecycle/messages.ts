import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/lifecycle.json";

// The life-cycle components' English words (suppressed reports, graduation) arrive with their code.
registerEnglish(english);
