import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/graduation.json";

// The Graduate page's and the automatic graduation setting's English words arrive with their code, not with the admin
// area (the bundle budget): the Spanish catalog holds every part.
registerEnglish(english);
