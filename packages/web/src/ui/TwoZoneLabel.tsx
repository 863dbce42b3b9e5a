import "./areas.css";
import { inBothZones } from "../lib/time";
import { t } from "../i18n";

/** A time on the reader's clock, with the other person's clock beside it when they differ. */
export function TwoZoneLabel({ iso, myZone, theirZone, theirName }: { iso: string; myZone: string; theirZone: string; theirName: string }) {
  const time = inBothZones(iso, myZone, theirZone);
  return (
    <span className="two-zone">
      <span>{time.mine}</span>
      {time.theirs && <span className="two-zone-theirs">{t("ui.twoZone.theirs", { time: time.theirs, name: theirName })}</span>}
    </span>
  );
}
