import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { loadMessages } from "./i18n/catalog";
import { initialLocale } from "./i18n/locales";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The first page is drawn in the reader's language, never in English first: a Spanish reader waits for the Spanish catalog.
const locale = initialLocale();
void loadMessages(locale).then((messages) =>
  createRoot(root).render(
    <StrictMode>
      <App locale={locale} messages={messages} />
    </StrictMode>,
  ),
);
