import { ApolloProvider } from "@apollo/client/react";
import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { createApollo } from "./apollo";
import { routes } from "./routes";

export function App() {
  const [{ client }] = useState(() => createApollo());
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  );
}
