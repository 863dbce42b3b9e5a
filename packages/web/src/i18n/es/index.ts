import app from "./app.json";

/** The Spanish catalog: one part per folder of the client, merged here. */
const messages = { ...app };
export default messages;
