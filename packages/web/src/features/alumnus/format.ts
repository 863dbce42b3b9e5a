import type { RequestState } from "../../graphql/types.generated";

export const STATE_LABELS: Record<RequestState, string> = {
  REQUESTED: "Waiting for your answer",
  ACCEPTED: "Booked",
  DECLINED: "Declined",
  EXPIRED: "Expired",
  WITHDRAWN: "Withdrawn by the student",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  NO_SHOW: "No-show",
};
