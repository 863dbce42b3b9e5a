import "../admin.css";
import { useMutation, useQuery } from "@apollo/client/react";
import { useDeferredValue, useRef, useState } from "react";
import type { PersonKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { Loading } from "../../../ui/Loading";
import { SelectField } from "../../../ui/NativeFields";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { ROLE_LABELS } from "../../../lib/auth/roles";
import {
  AdminDeactivatePeopleDocument,
  AdminPeopleDocument,
  AdminReactivatePeopleDocument,
  type Admin_PersonFragment,
} from "../graphql/Admin.generated";
import { describeStatusResult, type NotChanged, type StatusAction } from "../people-status";
import { ConfirmStatusDialog } from "./ConfirmStatusDialog";
import { PersonDataActions } from "./PersonDataActions";
import { formatDate } from "../../../lib/time";

/** People fetched per page of the roster feed. */
export const PEOPLE_PAGE_SIZE = 250;

const KIND_OPTIONS = [
  { value: "", label: "Students and alumni" },
  { value: "STUDENT", label: "Students" },
  { value: "ALUMNUS", label: "Alumni" },
];

const dateOf = (iso: string) => formatDate(iso);

type Person = Admin_PersonFragment;
type StatusOverride = Pick<Person, "active" | "deactivatedAt">;

const matches = (person: Person, search: string) =>
  !search || [person.displayName, person.email, person.externalId ?? ""].some((v) => v.toLocaleLowerCase().includes(search));

/**
 * The institution's students and alumni, with their state, to deactivate or reactivate one or several.
 * The roster comes from the `people` feed; after a change the rows show the new state at once (the feed
 * itself may take a moment to list a row that was just written).
 */
export function PeopleStatusSection() {
  const [kind, setKind] = useState("");
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim().toLocaleLowerCase());
  const { data, loading, error, refetch, fetchMore } = useQuery(AdminPeopleDocument, {
    variables: { kind: (kind || null) as PersonKind | null, first: PEOPLE_PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [deactivate] = useMutation(AdminDeactivatePeopleDocument);
  const [reactivate] = useMutation(AdminReactivatePeopleDocument);
  const [overrides, setOverrides] = useState<Record<string, StatusOverride>>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<{ action: StatusAction; people: Person[] } | null>(null);
  const [working, setWorking] = useState(false);
  const [notChanged, setNotChanged] = useState<NotChanged[]>([]);
  const [status, say] = useAnnouncer();
  const heading = useRef<HTMLHeadingElement>(null);
  const inFlight = useRef(false);

  const all = (data?.people.edges ?? [])
    .map((e) => ({ ...e.node, ...overrides[e.node.membershipId] }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));
  const shown = all.filter((p) => matches(p, deferred));
  const chosen = shown.filter((p) => selected.has(p.membershipId));
  const toDeactivate = chosen.filter((p) => p.active);
  const toReactivate = chosen.filter((p) => !p.active);
  const allShownSelected = shown.length > 0 && chosen.length === shown.length;

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function apply(action: StatusAction, people: Person[]) {
    // A second press while the first is on its way sends nothing.
    if (inFlight.current) return;
    inFlight.current = true;
    const membershipIds = people.map((p) => p.membershipId);
    setWorking(true);
    try {
      const mutate = action === "deactivate" ? deactivate : reactivate;
      const answer = await mutate({ variables: { membershipIds } });
      const result = answer.data && ("deactivatePeople" in answer.data ? answer.data.deactivatePeople : answer.data.reactivatePeople);
      if (!result) throw new Error("no result");
      const failed = new Set(result.errors.map((e) => e.row));
      const now = new Date().toISOString();
      setOverrides((prev) => {
        const next = { ...prev };
        people.forEach((p, row) => {
          if (failed.has(row)) return;
          next[p.membershipId] =
            action === "deactivate" ? { active: false, deactivatedAt: p.deactivatedAt ?? now } : { active: true, deactivatedAt: null };
        });
        return next;
      });
      setSelected((prev) => new Set([...prev].filter((id) => !membershipIds.includes(id) || failed.has(membershipIds.indexOf(id)))));
      const described = describeStatusResult(action, people, result);
      setNotChanged(described.notChanged);
      say(described.message, described.notChanged.length ? "error" : "info");
    } catch (failure) {
      say(`${describeError(failure).message} Nobody was changed.`, "error");
    } finally {
      inFlight.current = false;
      setWorking(false);
      setConfirming(null);
      // The dialog hands focus back to the button that opened it; a bulk button may now be disabled.
      setTimeout(() => {
        if (document.activeElement === document.body) heading.current?.focus();
      }, 50);
    }
  }

  return (
    <section className="card" aria-labelledby="roster-heading">
      <h2 id="roster-heading" ref={heading} tabIndex={-1}>
        Students and alumni
      </h2>
      <p>
        Deactivate someone who should no longer use Infoview, for example a student who left. Nothing is erased, and you can reactivate them
        later.
      </p>
      <div className="toolbar" role="search" aria-label="Find students and alumni">
        <TextField label="Find someone" description="Name, email or external id" type="search" value={search} onChange={setSearch} />
        <SelectField
          label="Show"
          value={kind}
          onChange={(v) => {
            setKind(v);
            setSelected(new Set());
          }}
          options={KIND_OPTIONS}
        />
      </div>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {notChanged.length > 0 && (
        <div className="notice people-not-changed" role="region" aria-labelledby="not-changed-heading">
          <h3 id="not-changed-heading">Not changed</h3>
          <ul>
            {notChanged.map((n) => (
              <li key={n.membershipId}>
                <strong>{n.displayName}</strong>: {n.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load the students and alumni" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading students and alumni…" />
      ) : shown.length === 0 ? (
        <EmptyState title={all.length === 0 ? "No students or alumni yet" : "Nobody matches"}>
          <p>{all.length === 0 ? "Invite them above, or import them from a CSV file." : "Try another name, or show everyone."}</p>
        </EmptyState>
      ) : (
        <>
          <div className="actions people-bulk" role="group" aria-label="With the selected people">
            <span className="people-selected-count">{chosen.length === 0 ? "None selected" : `${chosen.length} selected`}</span>
            <Button
              variant="secondary"
              isDisabled={toDeactivate.length === 0 || working}
              onPress={() => setConfirming({ action: "deactivate", people: toDeactivate })}
            >
              Deactivate selected{toDeactivate.length ? ` (${toDeactivate.length})` : ""}
            </Button>
            <Button
              variant="secondary"
              isDisabled={toReactivate.length === 0 || working}
              onPress={() => setConfirming({ action: "reactivate", people: toReactivate })}
            >
              Reactivate selected{toReactivate.length ? ` (${toReactivate.length})` : ""}
            </Button>
          </div>
          <div className="table-wrap people-table-wrap" role="region" aria-labelledby="roster-heading" tabIndex={0}>
            <table className="table people-table">
              <caption className="visually-hidden">
                Students and alumni, {shown.length} shown of {all.length} loaded
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Checkbox
                      isSelected={allShownSelected}
                      isIndeterminate={chosen.length > 0 && !allShownSelected}
                      onChange={(on) => setSelected(on ? new Set(shown.map((p) => p.membershipId)) : new Set())}
                    >
                      <span className="visually-hidden">Select everyone shown</span>
                    </Checkbox>
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">External id</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.membershipId}>
                    <td>
                      <Checkbox isSelected={selected.has(p.membershipId)} onChange={(on) => toggle(p.membershipId, on)}>
                        <span className="visually-hidden">Select {p.displayName}</span>
                      </Checkbox>
                    </td>
                    <th scope="row">
                      {p.displayName}
                      <span className="people-email break">{p.email}</span>
                    </th>
                    <td>{ROLE_LABELS[p.role]}</td>
                    <td className="break">{p.externalId ?? "—"}</td>
                    <td>
                      {p.active ? (
                        <>Active{p.activated ? "" : " · not signed in yet"}</>
                      ) : (
                        <>Deactivated{p.deactivatedAt ? ` since ${dateOf(p.deactivatedAt)}` : ""}</>
                      )}
                    </td>
                    <td>
                      <Button
                        variant="quiet"
                        isDisabled={working}
                        onPress={() => setConfirming({ action: p.active ? "deactivate" : "reactivate", people: [p] })}
                        aria-label={`${p.active ? "Deactivate" : "Reactivate"} ${p.displayName}`}
                      >
                        {p.active ? "Deactivate" : "Reactivate"}
                      </Button>
                      <PersonDataActions
                        membershipId={p.membershipId}
                        name={p.displayName}
                        onDone={(message, failed) => say(message, failed ? undefined : "info")}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.people.pageInfo.hasNextPage && (
            <div className="actions">
              <Button
                variant="secondary"
                onPress={() =>
                  void fetchMore({
                    variables: { after: data.people.pageInfo.endCursor },
                    updateQuery: (prev, { fetchMoreResult }) => ({
                      ...fetchMoreResult,
                      people: { ...fetchMoreResult.people, edges: [...prev.people.edges, ...fetchMoreResult.people.edges] },
                    }),
                  })
                }
              >
                Load more people
              </Button>
            </div>
          )}
        </>
      )}
      <ConfirmStatusDialog
        action={confirming?.action ?? "deactivate"}
        people={confirming?.people ?? []}
        isOpen={confirming !== null}
        working={working}
        onConfirm={() => confirming && void apply(confirming.action, confirming.people)}
        onCancel={() => setConfirming(null)}
      />
    </section>
  );
}
