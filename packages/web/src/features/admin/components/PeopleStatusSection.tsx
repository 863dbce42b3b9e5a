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
import { t } from "../../../i18n";

/** People fetched per page of the roster feed. */
export const PEOPLE_PAGE_SIZE = 250;

const KIND_OPTIONS = () => [
  { value: "", label: t("admin.peopleStatusSection.kindAll") },
  { value: "STUDENT", label: t("admin.peopleStatusSection.kindStudents") },
  { value: "ALUMNUS", label: t("admin.peopleStatusSection.kindAlumni") },
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
      say(t("admin.peopleStatusSection.nobodyChanged", { error: describeError(failure).message }), "error");
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
        {t("admin.peopleStatusSection.studentsAndAlumni")}
      </h2>
      <p>{t("admin.peopleStatusSection.deactivateSomeoneWho")}</p>
      <div className="toolbar" role="search" aria-label={t("admin.peopleStatusSection.findStudentsAnd")}>
        <TextField
          label={t("admin.peopleStatusSection.findSomeone")}
          description={t("admin.peopleStatusSection.nameEmailOr")}
          type="search"
          value={search}
          onChange={setSearch}
        />
        <SelectField
          label={t("admin.peopleStatusSection.show")}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setSelected(new Set());
          }}
          options={KIND_OPTIONS()}
        />
      </div>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {notChanged.length > 0 && (
        <div className="notice people-not-changed" role="region" aria-labelledby="not-changed-heading">
          <h3 id="not-changed-heading">{t("admin.peopleStatusSection.notChanged")}</h3>
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
        <ErrorState error={error} title={t("admin.peopleStatusSection.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.peopleStatusSection.loadingStudentsAnd")} />
      ) : shown.length === 0 ? (
        <EmptyState title={all.length === 0 ? t("admin.peopleStatusSection.noStudentsOr") : t("admin.peopleStatusSection.nobodyMatches")}>
          <p>{all.length === 0 ? t("admin.peopleStatusSection.inviteThemAbove") : t("admin.peopleStatusSection.tryAnotherName")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="actions people-bulk" role="group" aria-label={t("admin.peopleStatusSection.withTheSelected")}>
            <span className="people-selected-count">
              {chosen.length === 0
                ? t("admin.peopleStatusSection.noneSelected")
                : t("admin.peopleStatusSection.selected", { count: chosen.length })}
            </span>
            <Button
              variant="secondary"
              isDisabled={toDeactivate.length === 0 || working}
              onPress={() => setConfirming({ action: "deactivate", people: toDeactivate })}
            >
              {t("admin.peopleStatusSection.deactivateSelected", { count: toDeactivate.length })}
            </Button>
            <Button
              variant="secondary"
              isDisabled={toReactivate.length === 0 || working}
              onPress={() => setConfirming({ action: "reactivate", people: toReactivate })}
            >
              {t("admin.peopleStatusSection.reactivateSelected", { count: toReactivate.length })}
            </Button>
          </div>
          <div className="table-wrap people-table-wrap" role="region" aria-labelledby="roster-heading" tabIndex={0}>
            <table className="table people-table">
              <caption className="visually-hidden">
                {t("admin.peopleStatusSection.caption", { shown: shown.length, loaded: all.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Checkbox
                      isSelected={allShownSelected}
                      isIndeterminate={chosen.length > 0 && !allShownSelected}
                      onChange={(on) => setSelected(on ? new Set(shown.map((p) => p.membershipId)) : new Set())}
                    >
                      <span className="visually-hidden">{t("admin.peopleStatusSection.selectEveryoneShown")}</span>
                    </Checkbox>
                  </th>
                  <th scope="col">{t("admin.peopleStatusSection.name")}</th>
                  <th scope="col">{t("admin.peopleStatusSection.role")}</th>
                  <th scope="col">{t("admin.peopleStatusSection.externalId")}</th>
                  <th scope="col">{t("admin.peopleStatusSection.status")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("admin.peopleStatusSection.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.membershipId}>
                    <td>
                      <Checkbox isSelected={selected.has(p.membershipId)} onChange={(on) => toggle(p.membershipId, on)}>
                        <span className="visually-hidden">{t("admin.peopleStatusSection.selectName", { name: p.displayName })}</span>
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
                        <>{p.activated ? t("admin.peopleStatusSection.active") : t("admin.peopleStatusSection.activeNotSignedIn")}</>
                      ) : (
                        <>
                          {p.deactivatedAt
                            ? t("admin.peopleStatusSection.deactivatedSince", { date: dateOf(p.deactivatedAt) })
                            : t("admin.peopleStatusSection.deactivated")}
                        </>
                      )}
                    </td>
                    <td>
                      <Button
                        variant="quiet"
                        isDisabled={working}
                        onPress={() => setConfirming({ action: p.active ? "deactivate" : "reactivate", people: [p] })}
                        aria-label={t("admin.peopleStatusSection.actionName", {
                          action: p.active ? "deactivate" : "reactivate",
                          name: p.displayName,
                        })}
                      >
                        {p.active ? t("admin.peopleStatusSection.deactivate") : t("admin.peopleStatusSection.reactivate")}
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
                {t("admin.peopleStatusSection.loadMorePeople")}
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
