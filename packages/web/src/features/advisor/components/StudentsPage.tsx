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
      <PageHeading title="Students">Students</PageHeading>
      <div className="toolbar" role="search" aria-label="Find students">
        <TextField label="Name" type="search" value={search} onChange={setSearch} />
        <SelectField
          label="Career field"
          value={field}
          onChange={setField}
          placeholder="Any field"
          options={(data?.careerFields ?? []).map((f) => ({ value: f.id, label: f.name }))}
        />
        <SelectField
          label="Class year"
          value={classYear}
          onChange={setClassYear}
          placeholder="Any year"
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <CheckboxField label="Only students who share with advisors" checked={sharingOnly} onChange={setSharingOnly} />
      </div>
      <p className="fine-print">Field and class year are known only for students who share their profile with advisors.</p>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load the students" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading students…" />
      ) : students.length === 0 ? (
        <EmptyState title={all.length === 0 && !deferred ? "No students yet" : "No students match"}>
          <p>{all.length === 0 && !deferred ? "Invite students to get started." : "Try another name, or clear a filter."}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-label="Students" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">Students, {students.length} shown</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Class year</th>
                  <th scope="col">Major</th>
                  <th scope="col">Fields</th>
                  <th scope="col">Shares with advisors</th>
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
                    <td>{s.sharesWithAdvisors ? "Yes" : "No"}</td>
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
              Show more students
            </Button>
          )}
        </>
      )}
    </div>
  );
}
