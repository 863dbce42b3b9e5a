import { useQuery } from "@apollo/client/react";
import { useDeferredValue, useState } from "react";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { CheckboxField, SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { useMembershipId } from "../../../lib/auth/viewer";
import { AdvisorStudentRosterDocument } from "../graphql/Students.generated";
import { DEFAULT_SORT, isFiltered, NO_FILTERS, nextSort, rosterVariables, type RosterFilters } from "../lib/roster-table";
import { RosterTable } from "./RosterTable";
import { BulkAssign } from "./BulkAssign";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { t } from "../../../i18n";

const PAGE_SIZE = 50;

/**
 * Every student, sorted and filtered on the server (studentRoster): class year, last activity and the needs-action
 * lists they are on, shown only for students who share with advisors.
 */
export function StudentsPage() {
  const ownAdvisorId = useMembershipId("ADVISOR");
  const [filters, setFilters] = useState<RosterFilters>(NO_FILTERS);
  const [order, setOrder] = useState(DEFAULT_SORT);
  const deferredSearch = useDeferredValue(filters.search);
  const set =
    <K extends keyof RosterFilters>(key: K) =>
    (value: RosterFilters[K]) =>
      setFilters((f) => ({ ...f, [key]: value }));
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(AdvisorStudentRosterDocument, {
    variables: rosterVariables({ ...filters, search: deferredSearch }, order, ownAdvisorId, PAGE_SIZE),
  });
  // While a new order or filter loads, the rows already shown stay (no flash of the loading state).
  const shown = data ?? previousData;
  const rows = shown?.studentRoster.edges.map((e) => e.node) ?? [];
  const years = shown?.studentRoster.classYears ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [status, say] = useAnnouncer();
  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <div className="page page-wide">
      <PageHeading title={t("advisor.students.students")}>{t("advisor.students.students")}</PageHeading>
      <div className="toolbar" role="search" aria-label={t("advisor.students.findStudents")}>
        <TextField label={t("advisor.students.name")} type="search" value={filters.search} onChange={set("search")} />
        <SelectField
          label={t("advisor.students.classYear")}
          value={filters.classYear}
          onChange={set("classYear")}
          placeholder={t("advisor.students.anyYear")}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <CheckboxField label={t("advisor.roster.needsActionOnly")} checked={filters.needsActionOnly} onChange={set("needsActionOnly")} />
        {ownAdvisorId && <CheckboxField label={t("advisor.roster.myCaseloadOnly")} checked={filters.mineOnly} onChange={set("mineOnly")} />}
      </div>
      <p className="fine-print">{t("advisor.roster.sharedOnly")}</p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !shown ? (
        <ErrorState error={error} title={t("advisor.students.weCouldnT")} onRetry={() => void refetch()} />
      ) : !shown ? (
        loading && <Loading label={t("advisor.students.loadingStudents")} />
      ) : rows.length === 0 ? (
        <EmptyState title={isFiltered(filters) ? t("advisor.students.noStudentsMatch") : t("advisor.students.noStudentsYet")}>
          <p>{isFiltered(filters) ? t("advisor.students.tryAnotherName") : t("advisor.students.inviteStudentsTo")}</p>
        </EmptyState>
      ) : (
        <>
          {selected.size > 0 && <BulkAssign selected={[...selected]} onDone={() => setSelected(new Set())} say={say} />}
          <RosterTable
            rows={rows}
            order={order}
            onSort={(column) => setOrder((o) => nextSort(o, column))}
            selected={selected}
            onSelect={select}
          />
          {shown.studentRoster.pageInfo.hasNextPage && (
            <Button
              variant="secondary"
              onPress={() =>
                void fetchMore({
                  variables: { after: shown.studentRoster.pageInfo.endCursor },
                  updateQuery: (prev, { fetchMoreResult }) => ({
                    ...fetchMoreResult,
                    studentRoster: {
                      ...fetchMoreResult.studentRoster,
                      edges: [...prev.studentRoster.edges, ...fetchMoreResult.studentRoster.edges],
                    },
                  }),
                })
              }
            >
              {t("advisor.students.showMoreStudents")}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
