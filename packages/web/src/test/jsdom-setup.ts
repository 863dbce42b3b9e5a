// jsdom lacks a few web platform globals that Node has and our libraries use (React Router).
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextEncoder, TextDecoder });

// Pages are rendered without their area's layout in unit tests: give them every English message.
import { registerEnglish } from "../i18n";
import allEnglish from "../i18n/en/all";
registerEnglish(allEnglish);

// jsdom does no layout, so it has no scrolling to do: pages that bring an element into view call a no-op.
if (typeof Element !== "undefined" && !Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = function scrollIntoView() {};
