import { useQuery } from "@apollo/client/react";
import { Link, useSearchParams } from "react-router-dom";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, LoadError, Loading } from "../../../ui/QueryState";
import { SearchField } from "../../../ui/SearchField";
import { Select } from "../../../ui/Select";
import { AlumniMatchesDocument } from "../graphql/AlumniMatches.generated";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { useTaxonomy } from "../hooks/useTaxonomy";
import { AlumniResults, type AlumniResultRow } from "./AlumniResults";

const PAGE_SIZE = 20;
const ANY = "any";

/** Alumni to learn from, filtered by field and industry and searched by name, employer or title. */
export function FindAlumniPage() {
  const [params, setParams] = useSearchParams();
  const field = params.get("field");
  const industry = params.get("industry");
  const search = params.get("q") ?? "";
  const settledSearch = useDebouncedValue(search.trim(), 300);
  const { fields, industries, nameOf } = useTaxonomy();

  // The URL follows every keystroke (so Back and reload keep the search); the query waits for a pause.
  const setSearch = (value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set("q", value);
        else next.delete("q");
        return next;
      },
      { replace: true },
    );

  const setFilter = (name: "field" | "industry", value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value && value !== ANY) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const variables = { first: PAGE_SIZE, field, industry, search: settledSearch || null };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AlumniMatchesDocument, {
    variables,
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? previousData;
  const rows: AlumniResultRow[] =
    shown?.alumniMatches.edges.map(({ node }) => ({
      alumnus: node.alumnus,
      reasons: node.reasons,
      suggested: node.suggested,
      suggestion: node.suggestion,
      openSlotsNext14Days: node.openSlotsNext14Days,
    })) ?? [];
  const filtered = Boolean(field || industry || settledSearch);
  const count = rows.length;

  return (
    <div className="page">
      <p className="eyebrow">Student</p>
      <PageHeading title="Find alumni">Find alumni</PageHeading>
      <p className="lede">
        Alumni matched to your profile, best fit first, with the reasons each one fits. Pick someone whose path interests you and ask for
        20–30 minutes.
      </p>

      <div role="search" className="card filters" aria-label="Filter alumni">
        <SearchField label="Search" description="Name, employer, job title or topic." value={search} onChange={setSearch} />
        <Select
          label="Career field"
          options={[{ id: ANY, name: "Any field" }, ...fields]}
          value={field ?? ANY}
          onChange={(v) => setFilter("field", v)}
        />
        <Select
          label="Industry"
          options={[{ id: ANY, name: "Any industry" }, ...industries]}
          value={industry ?? ANY}
          onChange={(v) => setFilter("industry", v)}
        />
      </div>

      <div role="status" className="results-status">
        {shown && !loading ? `${count}${shown.alumniMatches.pageInfo.hasNextPage ? "+" : ""} alumni found` : ""}
      </div>
      {!shown && loading && <Loading label="Finding alumni…" />}
      {error && !loading && <LoadError error={error} retry={() => void refetch()} what="the alumni" />}
      {shown && count === 0 && (
        <EmptyState title={filtered ? "No alumni match these filters" : "No matches right now"}>
          <p>
            {filtered
              ? "Try another field or industry, or a shorter search."
              : "Alumni appear here when they volunteer and have room this month; those you already have an open request with are left out. Adding career fields and industries to your profile helps too."}
          </p>
          {!filtered && (
            <p>
              <Link to="/student/onboarding">Update your profile</Link>
            </p>
          )}
        </EmptyState>
      )}
      {count > 0 && <AlumniResults rows={rows} nameOf={nameOf} referralId={params.get("referral")} />}
      {shown?.alumniMatches.pageInfo.hasNextPage && (
        <div className="actions">
          <Button
            variant="secondary"
            busyLabel={loading ? "Loading more…" : null}
            onPress={() =>
              void fetchMore({
                variables: { after: shown.alumniMatches.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  alumniMatches: {
                    ...fetchMoreResult.alumniMatches,
                    edges: [...prev.alumniMatches.edges, ...fetchMoreResult.alumniMatches.edges],
                  },
                }),
              })
            }
          >
            Show more alumni
          </Button>
        </div>
      )}
    </div>
  );
}
