import { createParameterDecorator } from "type-graphql";
import type { Viewer } from "../auth/viewer";
import type { Context } from "./context";
import { unauthenticated } from "./errors";

/**
 * The signed-in person, as a resolver parameter: `@CurrentViewer() viewer: Viewer`. For operations whose @Access needs a
 * person (SIGNED_IN or a role), where the auth checker has already refused anyone else; should it run without one, it
 * answers UNAUTHENTICATED rather than hand a service a null. Operations open to the public or to API keys read
 * `viewer` from @Ctx() instead.
 */
export function CurrentViewer(): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator<Context>(({ context }): Viewer => {
    if (!context.viewer) throw unauthenticated();
    return context.viewer;
  });
}
