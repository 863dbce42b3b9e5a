import app from "./app.json";
import auth from "./auth.json";
import erase from "./erase.json";
import home from "./home.json";
import identity from "./identity.json";
import ui from "./ui.json";

/** The English catalog: one part per folder of the client, merged here. */
const messages = { ...app, ...ui, ...home, ...auth, ...identity, ...erase };
export default messages;
