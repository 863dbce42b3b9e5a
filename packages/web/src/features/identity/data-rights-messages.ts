import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/erase.json";

// The data-rights section's English words (export, erasure) arrive with the account page's code, not with every first
// page (the bundle budget); the Spanish catalog holds every part.
registerEnglish(english);
