import { notFound } from "../../graphql/errors";

// Validation problems are BAD_USER_INPUT with `fields` (graphql/errors badInput); these are the rest.
export const alumnusNotFound = () => notFound("That alum");
export const slotNotFound = () => notFound("That availability slot");
