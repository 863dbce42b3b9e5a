// jsdom lacks a few web platform globals that Node has and our libraries use (React Router).
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextEncoder, TextDecoder });
