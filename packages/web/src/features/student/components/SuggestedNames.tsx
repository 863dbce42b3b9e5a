import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { ReferralStatus } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/TextField";
import { AddSuggestedNameDocument } from "../graphql/AddSuggestedName.generated";
import type { SuggestedNames_ReferralFragment } from "../graphql/SuggestedNames_Referral.generated";
import { UpdateReferralDocument } from "../graphql/UpdateReferral.generated";
import { useSavedDraft } from "../../../lib/use-saved-draft";
import { t, translatedLabels } from "../../../i18n";

const STATUS_LABELS: Record<ReferralStatus, string> = translatedLabels({
  SUGGESTED: "student.names.status.suggested",
  CONTACTED: "student.names.status.contacted",
  REQUESTED: "student.names.status.requested",
  MET: "student.names.status.met",
  NOT_PURSUED: "student.names.status.notPursued",
});

interface NameDraft {
  name: string;
  role: string;
  howToReach: string;
  note: string;
}
const EMPTY: NameDraft = { name: "", role: "", howToReach: "", note: "" };

/** Names the alum suggested: each can become the next request, or be marked as contacted or set aside. */
export function SuggestedNames({
  requestId,
  names,
  canAdd,
  onChanged,
}: {
  requestId: string;
  names: SuggestedNames_ReferralFragment[];
  canAdd: boolean;
  onChanged: () => void;
}) {
  const draft = useSavedDraft<NameDraft>(`suggested-name:${requestId}`, EMPTY);
  const [touched, setTouched] = useState(false);
  const [addName, { loading }] = useMutation(AddSuggestedNameDocument);
  const [updateReferral] = useMutation(UpdateReferralDocument);
  const [status, say] = useAnnouncer();
  const nameError = touched && !draft.values.name.trim() ? t("student.v.nameRequired") : undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (!draft.values.name.trim() || loading) return;
    try {
      await addName({
        variables: {
          requestId,
          input: {
            name: draft.values.name.trim(),
            role: draft.values.role.trim() || null,
            howToReach: draft.values.howToReach.trim() || null,
            note: draft.values.note.trim() || null,
          },
        },
      });
      draft.reset(EMPTY);
      setTouched(false);
      say(t("student.suggestedNames.nameAdded"));
      onChanged();
    } catch (error) {
      say(describeError(error).message, "error");
    }
  }

  async function setReferralStatus(id: string, next: ReferralStatus) {
    try {
      await updateReferral({ variables: { id, status: next } });
      onChanged();
    } catch (error) {
      say(describeError(error).message, "error");
    }
  }

  return (
    <div className="suggested-names">
      <h2 id="names-heading">{t("student.suggestedNames.namesSuggested")}</h2>
      {names.length === 0 ? (
        <p>{t("student.suggestedNames.noNamesYetIf")}</p>
      ) : (
        <ul className="names-list" aria-labelledby="names-heading">
          {names.map((r) => (
            <li key={r.id} className="name-item">
              <p className="name-title">
                {r.name}
                {r.role && <span className="fine-print"> · {r.role}</span>}
              </p>
              {r.note && <p>{r.note}</p>}
              {r.howToReach && <p className="fine-print">{t("student.contacts.howToReach", { how: r.howToReach })}</p>}
              <p className="fine-print">{STATUS_LABELS[r.status]}</p>
              <div className="row-actions">
                {r.resultingRequestId ? (
                  <Link to={`/student/conversations/${r.resultingRequestId}`}>{t("student.names.seeRequest", { name: r.name })}</Link>
                ) : r.referredAlumnusId ? (
                  <Link to={`/student/alumni/${r.referredAlumnusId}/request?referral=${r.id}`} className="button button-secondary">
                    {t("student.alumnus.writeTo", { name: r.name })}
                  </Link>
                ) : (
                  <Link to={`/student/alumni?q=${encodeURIComponent(r.name)}&referral=${r.id}`}>
                    {t("student.names.lookFor", { name: r.name })}
                  </Link>
                )}
                {!r.resultingRequestId && r.status === "SUGGESTED" && (
                  <>
                    <Button variant="quiet" onPress={() => void setReferralStatus(r.id, "CONTACTED")}>
                      {t("student.suggestedNames.iGotInTouch")}
                    </Button>
                    <Button variant="quiet" onPress={() => void setReferralStatus(r.id, "NOT_PURSUED")}>
                      {t("student.suggestedNames.notFollowingUp")}
                    </Button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {canAdd && (
        <form className="form" noValidate onSubmit={onSubmit} aria-label={t("student.suggestedNames.addANameThey")}>
          <h3 className="subheading">{t("student.suggestedNames.addANameThey")}</h3>
          <TextField
            label={t("student.suggestedNames.name")}
            value={draft.values.name}
            onChange={(name) => draft.update({ name })}
            onBlur={() => setTouched(true)}
            errorMessage={nameError}
            isRequired
          />
          <TextField
            label={t("student.suggestedNames.theirJobOrRole")}
            value={draft.values.role}
            onChange={(role) => draft.update({ role })}
          />
          <TextField
            label={t("student.suggestedNames.howToReachThem")}
            description={t("student.suggestedNames.anEmailAPhone")}
            value={draft.values.howToReach}
            onChange={(howToReach) => draft.update({ howToReach })}
          />
          <TextField
            label={t("student.suggestedNames.whyThisPersonOptional")}
            value={draft.values.note}
            onChange={(note) => draft.update({ note })}
          />
          <div className="actions">
            <Button type="submit" variant="secondary" busyLabel={loading ? t("student.suggestedNames.adding") : null}>
              {t("student.suggestedNames.addName")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
