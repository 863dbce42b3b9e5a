import { useApolloClient } from "@apollo/client/react";
import { useMemo } from "react";
import { useNavigate } from "react-router-dom";
import { clearAllDrafts } from "../drafts";
import { authStore } from "./auth-store";
import type { Session_AuthPayloadFragment } from "./graphql/Session_AuthPayload.generated";
import { MeDocument } from "./graphql/Me.generated";
import { SignOutDocument } from "./graphql/SignOut.generated";
import { SwitchInstitutionDocument } from "./graphql/SwitchInstitution.generated";
import { toStoredSession } from "./session";
import { landingPath } from "../role-areas";

/** Start, switch and end sessions, keeping the auth store and Apollo's cache in step. */
export function useSessionActions() {
  const client = useApolloClient();
  const navigate = useNavigate();
  return useMemo(
    () => ({
      /** Keeps the tokens and primes the cache with the viewer, so the next page needs no round trip. */
      start(payload: Session_AuthPayloadFragment) {
        authStore.set(toStoredSession(payload));
        client.writeQuery({ query: MeDocument, data: { me: payload.me } });
      },

      async switchInstitution(institutionId: string) {
        const { data } = await client.mutate({ mutation: SwitchInstitutionDocument, variables: { institutionId } });
        if (!data) return;
        authStore.set(toStoredSession(data.switchInstitution));
        client.writeQuery({ query: MeDocument, data: { me: data.switchInstitution.me } });
        // The roles may differ there: land on the work of the person's role at that institution first,
        // so what is refetched next is that page's data, not the old page's (which the new role may not see).
        navigate(landingPath(data.switchInstitution.me.roles) ?? "/");
        // Everything cached belongs to the other institution: refetch what is on screen.
        await client.resetStore();
      },

      async signOut() {
        try {
          await client.mutate({ mutation: SignOutDocument });
        } catch {
          // Signing out locally still matters when the server cannot be reached.
        }
        authStore.clear();
        // Unsent drafts stay on this device only while their author is signed in.
        clearAllDrafts();
        navigate("/sign-in", { replace: true, state: null });
        await client.clearStore();
      },
    }),
    [client, navigate],
  );
}
