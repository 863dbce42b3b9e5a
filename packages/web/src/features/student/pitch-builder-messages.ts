import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/pitch-builder.json";

// The pitch helper brings its own English words with its (lazily loaded) code, not with the onboarding page's first
// download (the bundle budget); the Spanish catalog holds every part.
registerEnglish(english);
