import shared from "./index";
import lifecycle from "./lifecycle.json";
import student from "./student.json";

/** Every English message, shared and per area: for tests (the app loads the areas' parts with their code). */
const all = { ...shared, ...student, ...lifecycle };
export default all;
