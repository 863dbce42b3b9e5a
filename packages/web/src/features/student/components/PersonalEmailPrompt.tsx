import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { formatCalendarDate } from "../../../lib/time";
import { Button } from "../../../ui/Button";
import { GraduationEmailPromptDocument } from "../graphql/GraduationEmailPrompt.generated";
import { t } from "../../../i18n";

/** Where "Not now" is remembered: for this browser session only, so the prompt comes back at the next sign-in. */
const DISMISSED_KEY = "infoview:graduation-email-prompt-dismissed";

function dismissedThisSession(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === "1";
  } catch {
    return false;
  }
}

/**
 * "Add a personal email before you graduate" (issue 13, ADR 0032): shown to a student in their final class year with no
 * verified address outside campus; the address is added and verified on their account page, where they sign in with it
 * once campus sign-in ends. "Not now" hides it until the next session.
 */
export function PersonalEmailPrompt() {
  const { data } = useQuery(GraduationEmailPromptDocument, { fetchPolicy: "cache-and-network" });
  const [dismissed, setDismissed] = useState(dismissedThisSession);
  const prompt = data?.graduationEmailPrompt;
  if (!prompt?.due || dismissed) return null;
  return (
    <section className="card callout" aria-labelledby="personal-email-heading">
      <h2 id="personal-email-heading">{t("student.personalEmail.title")}</h2>
      <p>
        {prompt.graduatesOn
          ? t("student.personalEmail.whyDated", { date: formatCalendarDate(prompt.graduatesOn) })
          : t("student.personalEmail.why")}
      </p>
      <div className="actions">
        <Link to="/account" className="button button-primary">
          {t("student.personalEmail.add")}
        </Link>
        <Button
          variant="secondary"
          onPress={() => {
            try {
              sessionStorage.setItem(DISMISSED_KEY, "1");
            } catch {
              // Without storage it comes back on the next page, which is no harm.
            }
            setDismissed(true);
          }}
        >
          {t("student.personalEmail.notNow")}
        </Button>
      </div>
    </section>
  );
}
