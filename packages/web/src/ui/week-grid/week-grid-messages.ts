import { registerEnglish } from "../../i18n";
import english from "../../i18n/en/weekgrid.json";

// The week grid's English words arrive with the grid's code, not with the first page (the bundle budget): the
// Spanish catalog holds every part.
registerEnglish(english);
