import app from "./app.json";
import auth from "./auth.json";
import home from "./home.json";
import identity from "./identity.json";
import lifecycle from "./lifecycle.json";
import student from "./student.json";
import ui from "./ui.json";

/** The Spanish catalog: one part per folder of the client, merged here. */
const messages = { ...app, ...ui, ...home, ...auth, ...identity, ...student, ...lifecycle };
export default messages;
