import { modules } from "../modules";

export const entities = modules.flatMap((m) => [...m.entities]);
