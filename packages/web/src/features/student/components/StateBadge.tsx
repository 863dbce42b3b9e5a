import type { RequestState } from "../../../graphql/types.generated";
import { STATE_LABELS } from "../lib/labels";

export function StateBadge({ state }: { state: RequestState }) {
  const s = STATE_LABELS[state];
  return <span className={`state-badge state-${s.tone}`}>{s.label}</span>;
}
