import { useQuery } from "@apollo/client/react";
import { Link, useSearchParams } from "react-router-dom";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, LoadError, Loading } from "../../../ui/QueryState";
import { SearchField } from "../../../ui/SearchField";
import { SelectField } from "../../../ui/NativeFields";
import { AlumniMatchesDocument } from "../graphql/AlumniMatches.generated";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { useTaxonomy } from "../hooks/useTaxonomy";
import { AlumniResults, type AlumniResultRow } from "./AlumniResults";
import { t } from "../../../i18n";

// A multiple of two and three, so the grid's rows are full on tablets and wide screens.
const PAGE_SIZE = 12;
const ANY = "any";

/** Alumni to learn from, filtered by field and industry and searched by name, employer or title. */
export function FindAlumniPage() {
  const [params, setParams] = useSearchParams();
  const field = params.get("field");
  const industry = params.get("industry");
  const search = params.get("q") ?? "";
  const includeContacted = params.get("contacted") === "shown";
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

  const setFilter = (name: "field" | "industry" | "contacted", value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value && value !== ANY) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const variables = { first: PAGE_SIZE, field, industry, search: settledSearch || null, includeContacted };
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
      openRequestId: node.openRequestId,
    })) ?? [];
  const leftOut = shown?.alumniMatches.leftOutAlreadyContacted ?? 0;
  const filtered = Boolean(field || industry || settledSearch);
  const count = rows.length;

  return (
    <div className="page page-wide">
      <p className="eyebrow">{t("student.findAlumni.student")}</p>
      <PageHeading title={t("student.findAlumni.findAlumni")}>{t("student.findAlumni.findAlumni")}</PageHeading>
      <p className="lede">{t("student.findAlumni.alumniMatchedToYour")}</p>

      <div role="search" className="card filters" aria-label={t("student.findAlumni.filterAlumni")}>
        <SearchField
          label={t("student.findAlumni.search")}
          description={t("student.findAlumni.nameEmployerJobTitle")}
          value={search}
          onChange={setSearch}
        />
        {/* Native selects: React Aria's Select and its popover cost ~40 KB gzipped on this first page (the bundle budget). */}
        <SelectField
          label={t("student.findAlumni.careerField")}
          options={[{ value: ANY, label: t("student.find.anyField") }, ...fields.map((f) => ({ value: f.id, label: f.name }))]}
          value={field ?? ANY}
          onChange={(v) => setFilter("field", v)}
        />
        <SelectField
          label={t("student.findAlumni.industry")}
          options={[{ value: ANY, label: t("student.find.anyIndustry") }, ...industries.map((i) => ({ value: i.id, label: i.name }))]}
          value={industry ?? ANY}
          onChange={(v) => setFilter("industry", v)}
        />
      </div>

      <div role="status" className="results-status">
        {shown && !loading ? t("student.find.count", { count, more: shown.alumniMatches.pageInfo.hasNextPage ? "yes" : "no" }) : ""}
      </div>
      {leftOut > 0 && (
        <p className="contacted-line">
          <span>{t("findAlumni.leftOut", { count: leftOut })}</span>
          <Button variant="quiet" onPress={() => setFilter("contacted", "shown")}>
            {t("findAlumni.showThem", { count: leftOut })}
          </Button>
        </p>
      )}
      {includeContacted && (
        <p className="contacted-line">
          <span>{t("findAlumni.contactedShown")}</span>
          <Button variant="quiet" onPress={() => setFilter("contacted", null)}>
            {t("findAlumni.hideThem")}
          </Button>
        </p>
      )}
      {!shown && loading && <Loading label={t("student.findAlumni.findingAlumni")} />}
      {error && !loading && <LoadError error={error} retry={() => void refetch()} what={t("student.what.alumni")} />}
      {shown && count === 0 && (
        <EmptyState title={filtered ? t("student.findAlumni.noAlumniMatchThese") : t("student.findAlumni.noMatchesRightNow")}>
          <p>{filtered ? t("student.findAlumni.tryAnotherFieldOr") : t("student.findAlumni.alumniAppearHereWhen")}</p>
          {!filtered && (
            <p>
              <Link to="/student/onboarding">{t("student.findAlumni.updateYourProfile")}</Link>
            </p>
          )}
        </EmptyState>
      )}
      {count > 0 && <AlumniResults rows={rows} nameOf={nameOf} referralId={params.get("referral")} />}
      {shown?.alumniMatches.pageInfo.hasNextPage && (
        <div className="actions">
          <Button
            variant="secondary"
            busyLabel={loading ? t("student.findAlumni.loadingMore") : null}
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
            {t("student.findAlumni.showMoreAlumni")}
          </Button>
        </div>
      )}
    </div>
  );
}
