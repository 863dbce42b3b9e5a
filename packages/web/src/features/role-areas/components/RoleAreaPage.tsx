import { Link } from "react-router-dom";
import { currentInstitutionName, useViewer } from "../../auth/hooks/useViewer";
import { ROLE_LABELS } from "../../auth/roles";
import { PageHeading } from "../../../ui/PageHeading";
import type { RoleArea } from "../role-areas";

/** The area for one role. Its features are not built yet, and the page says so plainly. */
export function RoleAreaPage({ area }: { area: RoleArea }) {
  const viewer = useViewer();
  const institution = currentInstitutionName(viewer);

  if (!viewer.roles.includes(area.role)) {
    return (
      <div className="page">
        <PageHeading title={area.title}>This area isn't part of your account</PageHeading>
        <p className="lede">
          {area.title} is for people who are {ROLE_LABELS[area.role].toLowerCase()}s at {institution}. If that should include you, ask your
          career center to invite you in that role.
        </p>
        <p>
          <Link to="/">Back to your home page</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page">
      <p className="eyebrow">
        {ROLE_LABELS[area.role]} · {institution}
      </p>
      <PageHeading title={area.title}>{area.title}</PageHeading>
      <p className="lede">{area.summary}</p>
      <section className="card" aria-labelledby="coming-heading">
        <h2 id="coming-heading">Not ready yet</h2>
        <p>This part of Infoview is still being built, so there is nothing to do here today. This is what it will hold:</p>
        <ul className="checklist">
          {area.coming.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
