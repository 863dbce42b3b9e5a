import { Button } from "../../../ui/Button";
import { useNow } from "../hooks/useNow";
import { AGREED_MAX, AGREED_MIN, minutesUsed, timerStage } from "../lib/meeting-timer";
import { t } from "../../../i18n";
import "../meeting-prep-messages";

/**
 * The time used against the 20–30 minutes agreed. The student starts it; it shows whole minutes and, at 20 and at
 * 30 minutes, a gentle note in a polite live region — the only thing announced, so a screen reader hears two notes,
 * not a clock.
 */
export function MeetingTimer({
  startedAt,
  onStart,
  onReset,
}: {
  startedAt: number | null;
  onStart: (at: number) => void;
  onReset: () => void;
}) {
  const now = useNow(startedAt !== null);
  const minutes = minutesUsed(startedAt, now);
  const stage = timerStage(minutes);

  return (
    <section className="card" aria-labelledby="timer-heading">
      <h2 id="timer-heading">{t("meetingPrep.timer.heading")}</h2>
      <p className="fine-print">{t("meetingPrep.timer.agreed", { min: AGREED_MIN, max: AGREED_MAX })}</p>
      {minutes === null ? (
        <div className="actions">
          <Button onPress={() => onStart(Date.now())}>{t("meetingPrep.timer.start")}</Button>
        </div>
      ) : (
        <>
          <p className="meeting-timer-minutes" data-testid="minutes-used">
            {t("meetingPrep.timer.used", { minutes, max: AGREED_MAX })}
          </p>
          <div className="actions">
            <Button variant="secondary" onPress={onReset}>
              {t("meetingPrep.timer.reset")}
            </Button>
          </div>
        </>
      )}
      <div role="status" aria-live="polite" className="alert-region">
        {stage === "twenty" && <p className="alert alert-info">{t("meetingPrep.timer.atTwenty", { min: AGREED_MIN })}</p>}
        {stage === "thirty" && <p className="alert alert-info">{t("meetingPrep.timer.atThirty", { max: AGREED_MAX })}</p>}
      </div>
    </section>
  );
}
