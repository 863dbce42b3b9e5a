import app from "./app.json";
import ui from "./ui.json";

/** The English catalog: one part per folder of the client, merged here. */
const messages = { ...app, ...ui };
export default messages;
