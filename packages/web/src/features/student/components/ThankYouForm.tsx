import type { ApolloCache } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { describeError, type MessageFor } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { RadioGroup } from "../../../ui/RadioGroup";
import { TextArea } from "../../../ui/TextArea";
import { RecordThankYouDocument } from "../graphql/RecordThankYou.generated";
import { SendThankYouDocument } from "../graphql/SendThankYou.generated";
import { newIdempotencyKey } from "../lib/request-validation";
import { thankYouChannelLabel } from "../lib/thank-you-draft";
import { t } from "../../../i18n";

/** As the server counts it (sendThankYou): 4,000 characters. */
export const THANK_YOU_MAX = 4000;
const CHANNELS = ["EMAIL", "CARD", "LETTER", "OTHER"] as const;
type Channel = (typeof CHANNELS)[number];

export function validateThankYou(text: string): string | null {
  const clean = text.trim();
  if (!clean) return t("thankYou.field.required");
  if (clean.length > THANK_YOU_MAX) return t("thankYou.field.tooLong", { max: THANK_YOU_MAX, extra: clean.length - THANK_YOU_MAX });
  return null;
}

/** The draft to edit, and the two ways to finish: send it through Infoview, or record it as sent another way. */
export function ThankYouForm({
  requestId,
  alumnusName,
  due,
  draft,
}: {
  requestId: string;
  alumnusName: string;
  due: boolean;
  draft: () => string;
}) {
  const [text, setText] = useState(draft);
  const [touched, setTouched] = useState(false);
  const [channel, setChannel] = useState<Channel>("EMAIL");
  const [done, setDone] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  // What is due and the contact log changed: pages showing them (even ones not open now) load them afresh.
  const forget = {
    update: (cache: ApolloCache) => {
      cache.evict({ fieldName: "followUpsDue" });
      cache.evict({ fieldName: "contactLog" });
      cache.gc();
    },
  };
  const [send, sending] = useMutation(SendThankYouDocument, forget);
  const [record, recording] = useMutation(RecordThankYouDocument, forget);
  const [status, say] = useAnnouncer();
  const field = useRef<HTMLTextAreaElement>(null);
  const problem = validateThankYou(text);

  const messages: Record<string, MessageFor> = {
    THANK_YOU_RULE_ONE: (ext) => [t("thankYou.error.THANK_YOU_RULE_ONE"), ...((ext?.guidance as string[] | undefined) ?? [])].join(" "),
    THANK_YOU_ALREADY_SENT: () => t("thankYou.error.THANK_YOU_ALREADY_SENT"),
    THANK_YOU_EMAIL_OFF: () => t("thankYou.error.THANK_YOU_EMAIL_OFF", { name: alumnusName }),
    THANK_YOU_TEXT_REQUIRED: () => t("thankYou.error.THANK_YOU_TEXT_REQUIRED"),
    THANK_YOU_TEXT_TOO_LONG: () => t("thankYou.error.THANK_YOU_TEXT_TOO_LONG", { max: THANK_YOU_MAX }),
    FOLLOW_UP_NOT_OPEN: () => t("thankYou.error.FOLLOW_UP_NOT_OPEN"),
  };

  async function onSend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (sending.loading) return;
    if (problem) {
      field.current?.focus();
      return;
    }
    try {
      await send({ variables: { requestId, text, idempotencyKey: key } });
      setDone(t("thankYou.send.sent", { name: alumnusName }));
    } catch (error) {
      say(describeError(error, messages).message, "error");
      field.current?.focus();
    }
  }

  async function onRecord(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (recording.loading) return;
    try {
      await record({ variables: { requestId, channel } });
      setDone(t("thankYou.elsewhere.recorded", { name: alumnusName }));
    } catch (error) {
      say(describeError(error, messages).message, "error");
    }
  }

  if (done || !due) {
    return (
      <section className="card" aria-labelledby="thank-you-done">
        <Alert tone="info">
          <span id="thank-you-done">{done ?? t("thankYou.page.alreadyDone", { name: alumnusName })}</span>
        </Alert>
        <p>
          <Link to="/student/contacts">{t("thankYou.page.contactLog")}</Link>
        </p>
      </section>
    );
  }

  return (
    <>
      <form className="card form" noValidate onSubmit={onSend} aria-labelledby="thank-you-send">
        <h2 id="thank-you-send">{t("thankYou.send.heading")}</h2>
        <TextArea
          label={t("thankYou.field.label")}
          description={`${t("thankYou.field.description")} ${t("thankYou.field.count", { count: text.trim().length, max: THANK_YOU_MAX })}`}
          value={text}
          onChange={setText}
          errorMessage={touched && problem ? problem : undefined}
          rows={14}
          textAreaRef={field}
        />
        <p className="fine-print">{t("thankYou.send.about", { name: alumnusName })}</p>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        <div className="actions">
          <Button type="submit" busyLabel={sending.loading ? t("thankYou.send.sending") : null}>
            {t("thankYou.send.button")}
          </Button>
          <Button variant="quiet" onPress={() => setText(draft())}>
            {t("thankYou.field.restart")}
          </Button>
        </div>
      </form>
      <form className="card form" noValidate onSubmit={onRecord} aria-labelledby="thank-you-elsewhere">
        <h2 id="thank-you-elsewhere">{t("thankYou.elsewhere.heading")}</h2>
        <p>{t("thankYou.elsewhere.about", { name: alumnusName })}</p>
        <RadioGroup
          label={t("thankYou.elsewhere.how")}
          options={CHANNELS.map((id) => ({ id, name: thankYouChannelLabel(id) }))}
          value={channel}
          onChange={(value) => setChannel(value as Channel)}
          orientation="horizontal"
        />
        <div className="actions">
          <Button type="submit" variant="secondary" busyLabel={recording.loading ? t("thankYou.elsewhere.saving") : null}>
            {t("thankYou.elsewhere.button")}
          </Button>
        </div>
      </form>
    </>
  );
}
