export { isNotAvailableYet } from "../../../lib/not-available";
