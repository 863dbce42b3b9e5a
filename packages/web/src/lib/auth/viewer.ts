import { createContext, useContext } from "react";
import type { Role } from "../../graphql/types.generated";
import type { Viewer_MeFragment } from "./graphql/Viewer_Me.generated";
import { t } from "../../i18n";

export type Viewer = Viewer_MeFragment;

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in person; only inside the signed-in layout, which loads it. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer is used outside the signed-in layout");
  return viewer;
}

export interface InstitutionChoice {
  id: string;
  name: string;
}

/** The institutions a person belongs to, each once, in membership order. */
export function institutionsOf(viewer: Viewer): InstitutionChoice[] {
  const seen = new Map<string, InstitutionChoice>();
  for (const membership of viewer.memberships) {
    if (!seen.has(membership.institutionId))
      seen.set(membership.institutionId, { id: membership.institutionId, name: membership.institutionName });
  }
  return [...seen.values()];
}

export function currentInstitutionName(viewer: Viewer): string {
  return viewer.memberships.find((m) => m.institutionId === viewer.institutionId)?.institutionName ?? t("ui.viewer.yourInstitution");
}

/** The viewer's membership id in the role, in the institution they act in. */
export function useMembershipId(role: Role): string | null {
  const viewer = useViewer();
  return viewer.memberships.find((m) => m.role === role && m.institutionId === viewer.institutionId)?.id ?? null;
}
