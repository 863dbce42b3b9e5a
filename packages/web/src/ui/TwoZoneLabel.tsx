import "./areas.css";
import { inBothZones } from "../lib/time";

/** A time on the reader's clock, with the other person's clock beside it when they differ. */
export function TwoZoneLabel({ iso, myZone, theirZone, theirName }: { iso: string; myZone: string; theirZone: string; theirName: string }) {
  const t = inBothZones(iso, myZone, theirZone);
  return (
    <span className="two-zone">
      <span>{t.mine}</span>
      {t.theirs && <span className="two-zone-theirs">{`${t.theirs} for ${theirName}`}</span>}
    </span>
  );
}
