import { ApolloProvider } from "@apollo/client/react";
import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import type { Messages } from "../i18n/catalog";
import { LocaleProvider, type Locale } from "../i18n";
import { createApollo } from "./apollo";
import { routes } from "./routes";

export function App({ locale, messages }: { locale: Locale; messages: Messages }) {
  const [{ client }] = useState(() => createApollo());
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <ApolloProvider client={client}>
      <LocaleProvider locale={locale} messages={messages}>
        <RouterProvider router={router} />
      </LocaleProvider>
    </ApolloProvider>
  );
}
