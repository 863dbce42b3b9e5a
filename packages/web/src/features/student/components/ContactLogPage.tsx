import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { ContactChannel } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, LoadError, Loading } from "../../../ui/QueryState";
import { Select } from "../../../ui/Select";
import { TextArea } from "../../../ui/TextArea";
import { TextField } from "../../../ui/TextField";
import { AddContactLogEntryDocument } from "../graphql/AddContactLogEntry.generated";
import { ContactLogDocument } from "../graphql/ContactLog.generated";
import { ContactLogCsvDocument } from "../graphql/ContactLogCsv.generated";
import { validateContactDate, validateContactName, validateContactNotes } from "../lib/contact-validation";
import { useSavedDraft } from "../../../lib/use-saved-draft";
import { downloadText } from "../../../lib/download";
import { CHANNEL_LABELS } from "../lib/labels";
import { browserTimeZone, formatCalendarDate, formatDate } from "../../../lib/time";
import { StateBadge } from "./StateBadge";
import { t } from "../../../i18n";
import "../thank-you-messages";
import { thankYouChannelLabel } from "../lib/thank-you-draft";

const PAGE_SIZE = 50;

/** Everyone the student has talked to, on Infoview or elsewhere, with a CSV export. */
export function ContactLogPage() {
  const client = useApolloClient();
  const { data, loading, error, refetch, fetchMore } = useQuery(ContactLogDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [exporting, setExporting] = useState(false);
  const [status, say] = useAnnouncer();
  const items = data?.contactLog.edges.map((e) => e.node) ?? [];

  async function exportCsv() {
    setExporting(true);
    try {
      const result = await client.query({ query: ContactLogCsvDocument, fetchPolicy: "network-only" });
      if (result.data)
        downloadText(`infoview-contact-log-${new Date().toISOString().slice(0, 10)}.csv`, result.data.contactLogCsv, "text/csv");
      say(t("student.contactLog.yourContactLogWas"));
    } catch (e) {
      say(describeError(e).message, "error");
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="page">
      <p className="eyebrow">{t("student.contactLog.student")}</p>
      <PageHeading title={t("student.contactLog.contactLog")}>{t("student.contactLog.contactLog")}</PageHeading>
      <p className="lede">{t("student.contactLog.everyoneYouVeTalked")}</p>
      <div className="actions">
        <Button variant="secondary" onPress={() => void exportCsv()} busyLabel={exporting ? t("student.contactLog.preparing") : null}>
          {t("student.contactLog.exportAsCsv")}
        </Button>
      </div>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {!data && loading && <Loading label={t("student.contactLog.loadingYourContactLog")} />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what={t("student.what.contactLog")} />}
      {data && items.length === 0 && (
        <EmptyState title={t("student.contactLog.noContactsYet")}>
          <p>{t("student.contactLog.yourConversationsAppearHere")}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="contact-list" aria-label={t("student.contactLog.yourContacts")}>
          {items.map((c) => (
            <li key={`${c.kind}:${c.id}`} className="card contact-item">
              <h2 className="conversation-name">
                {c.kind === "INTERVIEW_REQUEST" ? <Link to={`/student/conversations/${c.id}`}>{c.personName}</Link> : c.personName}
              </h2>
              <p className="fine-print">
                {[c.role, c.organization].filter(Boolean).join(" at ")}
                {(c.role || c.organization) && " · "}
                {CHANNEL_LABELS[c.channel]} · {formatCalendarDate(c.date)}
              </p>
              {c.requestState && (
                <p>
                  <StateBadge state={c.requestState} />
                </p>
              )}
              {c.advice && <p>{t("student.contacts.advice", { advice: c.advice })}</p>}
              {c.notes && <p className="prewrap">{c.notes}</p>}
              {c.namesSuggested.length > 0 && (
                <p>{t("student.contacts.suggested", { names: c.namesSuggested.map((n) => n.name).join(", ") })}</p>
              )}
              {c.thankYouSentAt && (
                <p>
                  {c.thankYouChannel
                    ? t("thankYou.contactLog.sentHow", {
                        date: formatDate(c.thankYouSentAt, browserTimeZone()),
                        how: thankYouChannelLabel(c.thankYouChannel),
                      })
                    : t("thankYou.contactLog.sent", { date: formatDate(c.thankYouSentAt, browserTimeZone()) })}
                </p>
              )}
              {c.howToReach && <p className="fine-print">{t("student.contacts.howToReach", { how: c.howToReach })}</p>}
            </li>
          ))}
        </ul>
      )}
      {data?.contactLog.pageInfo.hasNextPage && (
        <div className="actions">
          <Button
            variant="secondary"
            onPress={() =>
              void fetchMore({
                variables: { after: data.contactLog.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  contactLog: { ...fetchMoreResult.contactLog, edges: [...prev.contactLog.edges, ...fetchMoreResult.contactLog.edges] },
                }),
              })
            }
          >
            {t("student.contactLog.showOlderContacts")}
          </Button>
        </div>
      )}
      <section className="card" aria-labelledby="add-contact-heading">
        <h2 id="add-contact-heading">{t("student.contactLog.addAContactFrom")}</h2>
        <AddContactForm onAdded={() => void refetch()} />
      </section>
    </div>
  );
}

interface ContactDraft {
  name: string;
  organization: string;
  role: string;
  channel: ContactChannel;
  contactedOn: string;
  howToReach: string;
  notes: string;
}

type Field = "name" | "contactedOn" | "notes";
const VALIDATORS: Record<Field, (v: string) => string | null> = {
  name: validateContactName,
  contactedOn: (v) => validateContactDate(v),
  notes: validateContactNotes,
};

const todayText = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

function AddContactForm({ onAdded }: { onAdded: () => void }) {
  const empty = (): ContactDraft => ({
    name: "",
    organization: "",
    role: "",
    channel: "EVENT",
    contactedOn: todayText(),
    howToReach: "",
    notes: "",
  });
  const draft = useSavedDraft<ContactDraft>("contact-log-entry", empty);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [status, say] = useAnnouncer();
  const [add, { loading }] = useMutation(AddContactLogEntryDocument);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    contactedOn: useRef<HTMLInputElement>(null),
    notes: useRef<HTMLTextAreaElement>(null),
  };
  const v = draft.values;
  const errorOf = (f: Field) => serverErrors[f] ?? (touched[f] ? (VALIDATORS[f](v[f]) ?? undefined) : undefined);
  const bind = (f: Field) => ({
    value: v[f],
    onChange: (value: string) => {
      draft.update({ [f]: value } as Partial<ContactDraft>);
      setServerErrors((e) => {
        const { [f]: _, ...rest } = e;
        return rest;
      });
    },
    onBlur: () => setTouched((t) => ({ ...t, [f]: true })),
    errorMessage: errorOf(f),
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    setTouched({ name: true, contactedOn: true, notes: true });
    const invalid = (Object.keys(VALIDATORS) as Field[]).find((f) => VALIDATORS[f](v[f]));
    if (invalid) return refs[invalid].current?.focus();
    try {
      await add({
        variables: {
          input: {
            name: v.name.trim(),
            organization: v.organization.trim() || null,
            role: v.role.trim() || null,
            channel: v.channel,
            contactedOn: v.contactedOn,
            howToReach: v.howToReach.trim() || null,
            notes: v.notes.trim() || null,
          },
        },
      });
      draft.reset(empty());
      setTouched({});
      say(t("student.contacts.added", { name: v.name.trim() }));
      onAdded();
    } catch (error) {
      const described = describeError(error);
      setServerErrors(described.fields);
      say(t("student.keptOnDevice", { message: described.message }), "error");
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="add-contact-heading">
      <TextField {...bind("name")} label={t("student.contactLog.name")} isRequired inputRef={refs.name} />
      <div className="field-row">
        <TextField
          label={t("student.contactLog.organizationOptional")}
          value={v.organization}
          onChange={(organization) => draft.update({ organization })}
        />
        <TextField label={t("student.contactLog.theirRoleOptional")} value={v.role} onChange={(role) => draft.update({ role })} />
      </div>
      <div className="field-row">
        <Select
          label={t("student.contactLog.howYouMet")}
          options={Object.entries(CHANNEL_LABELS).map(([id, name]) => ({ id, name }))}
          value={v.channel}
          onChange={(channel) => channel && draft.update({ channel: channel as ContactChannel })}
        />
        <TextField {...bind("contactedOn")} label={t("student.contactLog.date")} type="date" isRequired inputRef={refs.contactedOn} />
      </div>
      <TextField
        label={t("student.contactLog.howToReachThem")}
        value={v.howToReach}
        onChange={(howToReach) => draft.update({ howToReach })}
      />
      <TextArea
        {...bind("notes")}
        label={t("student.contactLog.notesOptional")}
        description={t("student.contactLog.adviceNamesTheySuggested")}
        rows={4}
        textAreaRef={refs.notes}
      />
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("student.contactLog.adding") : null}>
          {t("student.contactLog.addContact")}
        </Button>
      </div>
    </form>
  );
}
