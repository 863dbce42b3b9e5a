import { useQuery } from "@apollo/client/react";
import { useDeferredValue, useState } from "react";
import { Link } from "react-router-dom";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { CheckboxField, SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { AdvisorStudentsDocument } from "../graphql/Students.generated";
import { t } from "../../../i18n";

/** Every student by name, with filters; a student's profile is shown only when they share it. */
export function StudentsPage() {
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const [sharingOnly, setSharingOnly] = useState(false);
  const [field, setField] = useState("");
  const [classYear, setClassYear] = useState("");
  const { data, loading, error, refetch, fetchMore } = useQuery(AdvisorStudentsDocument, {
    variables: { search: deferred || null, first: 50 },
  });
  const all = data?.students.edges.map((e) => e.node) ?? [];
  const students = all.filter(
    (s) =>
      (!sharingOnly || s.sharesWithAdvisors) &&
      (!field || s.profile?.fields.includes(field)) &&
      (!classYear || String(s.profile?.classYear ?? "") === classYear),
  );
  const years = [...new Set(all.map((s) => s.profile?.classYear).filter((y): y is number => Boolean(y)))].sort();
  const fieldName = (id: string) => data?.careerFields.find((f) => f.id === id)?.name ?? id;

  return (
    <div className="page">
      <PageHeading title={t("advisor.students.students")}>{t("advisor.students.students")}</PageHeading>
      <div className="toolbar" role="search" aria-label={t("advisor.students.findStudents")}>
        <TextField label={t("advisor.students.name")} type="search" value={search} onChange={setSearch} />
        <SelectField
          label={t("advisor.students.careerField")}
          value={field}
          onChange={setField}
          placeholder={t("advisor.students.anyField")}
          options={(data?.careerFields ?? []).map((f) => ({ value: f.id, label: f.name }))}
        />
        <SelectField
          label={t("advisor.students.classYear")}
          value={classYear}
          onChange={setClassYear}
          placeholder={t("advisor.students.anyYear")}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <CheckboxField label={t("advisor.students.onlyStudentsWho")} checked={sharingOnly} onChange={setSharingOnly} />
      </div>
      <p className="fine-print">{t("advisor.students.fieldAndClass")}</p>
      {error && !data ? (
        <ErrorState error={error} title={t("advisor.students.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("advisor.students.loadingStudents")} />
      ) : students.length === 0 ? (
        <EmptyState title={all.length === 0 && !deferred ? t("advisor.students.noStudentsYet") : t("advisor.students.noStudentsMatch")}>
          <p>{all.length === 0 && !deferred ? t("advisor.students.inviteStudentsTo") : t("advisor.students.tryAnotherName")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-label={t("advisor.students.students")} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t("advisor.students.caption", { count: students.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("advisor.students.name")}</th>
                  <th scope="col">{t("advisor.students.classYear")}</th>
                  <th scope="col">{t("advisor.students.major")}</th>
                  <th scope="col">{t("advisor.students.fields")}</th>
                  <th scope="col">{t("advisor.students.sharesWithAdvisors")}</th>
                </tr>
              </thead>
              <tbody>
                {students.map((s) => (
                  <tr key={s.membershipId}>
                    <th scope="row">
                      <Link to={`/advisor/students/${s.membershipId}`}>{s.displayName}</Link>
                    </th>
                    <td>{s.profile?.classYear ?? "—"}</td>
                    <td>{s.profile?.major ?? "—"}</td>
                    <td>{s.profile ? s.profile.fields.map(fieldName).join(", ") || "—" : "—"}</td>
                    <td>{s.sharesWithAdvisors ? t("advisor.students.yes") : t("advisor.students.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.students.pageInfo.hasNextPage && (
            <Button
              variant="secondary"
              onPress={() =>
                void fetchMore({
                  variables: { after: data.students.pageInfo.endCursor },
                  updateQuery: (prev, { fetchMoreResult }) => ({
                    ...fetchMoreResult,
                    students: { ...fetchMoreResult.students, edges: [...prev.students.edges, ...fetchMoreResult.students.edges] },
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
