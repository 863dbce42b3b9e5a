import app from "./app.json";
import auth from "./auth.json";
import home from "./home.json";
import identity from "./identity.json";
import ui from "./ui.json";

/** The English catalog shipped with the first page: the shared parts (the areas' and data rights' load with their code). */
const messages = { ...app, ...ui, ...home, ...auth, ...identity };
export default messages;
