import { modules } from "./modules";

/** Every module's TypeORM entities, for db/data-source.ts: wired here, at the root, so db/ imports no module. */
export const entities = modules.flatMap((m) => [...m.entities]);
