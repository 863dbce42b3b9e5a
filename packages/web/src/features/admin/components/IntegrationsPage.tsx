import { PageHeading } from "../../../ui/PageHeading";

/** API keys and webhooks: the server does not offer them yet, and the page says so plainly. */
export function IntegrationsPage() {
  return (
    <div className="page">
      <PageHeading title="Integrations">Integrations</PageHeading>
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys and webhooks</h2>
        <p>
          Connecting campus systems with API keys and webhooks is not available yet. When it is, you'll create and revoke keys and choose
          which events are sent where, here.
        </p>
      </section>
    </div>
  );
}
