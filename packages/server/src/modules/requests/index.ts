/** What other modules may use from requests: they import it from here, never from its files (eslint.config.js). */
export { recordChange } from "./request-events";
export type { RequestState, Side } from "./request-state";
export { RequestStateEnum } from "./requests.enums";
export { meetingCheckSigner, meetingCheckToken } from "./meeting-checks";
export { checkRuleOne } from "./rule-one";
