import type { ApolloClient } from "@apollo/client";
import { SetAccommodationsDocument } from "./graphql/SetAccommodations.generated";
import { toInput, type AccommodationChoice } from "./types";

/** Saves the student's needs once their request exists (the composer calls it after sending; loaded only then). */
export async function saveAccommodations(client: ApolloClient, requestId: string, choice: AccommodationChoice) {
  const input = toInput(requestId, "STUDENT", choice);
  if (input.needs.length === 0) return null;
  const { data } = await client.mutate({ mutation: SetAccommodationsDocument, variables: { input } });
  return data?.setAccommodations ?? null;
}
