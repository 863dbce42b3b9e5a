import type { RequestState } from "../../graphql/types.generated";
import { translatedLabels } from "../../i18n";

export const STATE_LABELS: Record<RequestState, string> = translatedLabels({
  REQUESTED: "alumnus.state.requested",
  ACCEPTED: "alumnus.state.accepted",
  DECLINED: "alumnus.state.declined",
  EXPIRED: "alumnus.state.expired",
  WITHDRAWN: "alumnus.state.withdrawn",
  COMPLETED: "alumnus.state.completed",
  CANCELLED: "alumnus.state.cancelled",
  NO_SHOW: "alumnus.state.noShow",
});
