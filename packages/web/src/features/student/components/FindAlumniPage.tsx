import { useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, LoadError, Loading } from "../../../ui/QueryState";
import { SearchField } from "../../../ui/SearchField";
import { Select } from "../../../ui/Select";
import { AlumniDirectoryDocument } from "../graphql/AlumniDirectory.generated";
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
  const [search, setSearch] = useState(params.get("q") ?? "");
  const settledSearch = useDebouncedValue(search.trim(), 300);
  const { fields, industries, nameOf } = useTaxonomy();

  useEffect(() => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (settledSearch) next.set("q", settledSearch);
        else next.delete("q");
        return next;
      },
      { replace: true },
    );
  }, [settledSearch, setParams]);

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
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AlumniDirectoryDocument, {
    variables,
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? previousData;
  const rows: AlumniResultRow[] = shown?.alumniDirectory.edges.map((e) => ({ alumnus: e.node })) ?? [];
  const filtered = Boolean(field || industry || settledSearch);
  const count = rows.length;

  return (
    <div className="page">
      <p className="eyebrow">Student</p>
      <PageHeading title="Find alumni">Find alumni</PageHeading>
      <p className="lede">
        Alumni who volunteer to talk about their work. Pick someone whose path interests you and ask for 20–30 minutes.
      </p>

      <div role="search" className="card filters" aria-label="Filter alumni">
        <SearchField label="Search" description="Name, employer or job title." value={search} onChange={setSearch} />
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
        {shown && !loading ? `${count}${shown.alumniDirectory.pageInfo.hasNextPage ? "+" : ""} alumni found` : ""}
      </div>
      {!shown && loading && <Loading label="Finding alumni…" />}
      {error && !loading && <LoadError error={error} retry={() => void refetch()} what="the alumni" />}
      {shown && count === 0 && (
        <EmptyState title={filtered ? "No alumni match these filters" : "No alumni are listed yet"}>
          <p>
            {filtered
              ? "Try another field or industry, or a shorter search."
              : "Alumni appear here once they volunteer. Ask your career advisor who might be glad to talk."}
          </p>
        </EmptyState>
      )}
      {count > 0 && <AlumniResults rows={rows} nameOf={nameOf} referralId={params.get("referral")} />}
      {shown?.alumniDirectory.pageInfo.hasNextPage && (
        <div className="actions">
          <Button
            variant="secondary"
            busyLabel={loading ? "Loading more…" : null}
            onPress={() =>
              void fetchMore({
                variables: { after: shown.alumniDirectory.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  alumniDirectory: {
                    ...fetchMoreResult.alumniDirectory,
                    edges: [...prev.alumniDirectory.edges, ...fetchMoreResult.alumniDirectory.edges],
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
