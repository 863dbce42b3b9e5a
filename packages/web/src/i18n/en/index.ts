import app from "./app.json";

/** The English catalog: one part per folder of the client, merged here. */
const messages = { ...app };
export default messages;
