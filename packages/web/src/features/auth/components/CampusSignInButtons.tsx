import "./campus-sign-in.css";
import { useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { validateEmail } from "../../../lib/validation";
import { SignInOptionsDocument } from "../graphql/SignInOptions.generated";
import { t } from "../../../i18n";

interface Props {
  /** The address being typed: its domain may name an institution with campus sign-in. */
  email: string;
  /** The institution's own sign-in URL (/i/<slug>), or the one that asked for campus sign-in (SSO_REQUIRED). */
  slug: string | null;
  /** Where to come back to after signing in. */
  returnTo: string;
}

const DEBOUNCE_MS = 300;

/** "Sign in with <institution>" for every campus sign-in that applies; several institutions each get their own button. */
export function CampusSignInButtons({ email, slug, returnTo }: Props) {
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => {
    const value = email.trim();
    const timer = setTimeout(() => setTyped(value && !validateEmail(value) ? value : null), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [email]);
  const { data } = useQuery(SignInOptionsDocument, { variables: { email: typed, slug }, skip: !typed && !slug });
  const options = data?.signInOptions ?? [];
  if (options.length === 0) return null;
  const institutions = new Set(options.map((o) => o.institutionSlug));
  return (
    <section className="campus-sign-in" aria-label={t("auth.campusSignInButtons.campusSignIn")}>
      {institutions.size > 1 && <p>{t("auth.campusSignInButtons.yourAddressIsUsed")}</p>}
      <ul className="campus-sign-in-list">
        {options.map((option) => {
          const href = returnTo === "/" ? option.startUrl : `${option.startUrl}?returnTo=${encodeURIComponent(returnTo)}`;
          return (
            <li key={option.providerId}>
              <a className="button button-primary button-wide" href={href}>
                {t("auth.campus.signInWith", { provider: option.providerName })}
                {institutions.size > 1 || option.providerName !== option.institutionName ? (
                  <span className="visually-hidden"> ({option.institutionName})</span>
                ) : null}
              </a>
              {institutions.size > 1 && <span className="fine-print">{option.institutionName}</span>}
            </li>
          );
        })}
      </ul>
      <p className="divider-text">{t("auth.campusSignInButtons.orEnterYourPassword")}</p>
    </section>
  );
}
