import { useMutation } from "@apollo/client/react";
import { useCallback, useEffect } from "react";
import { UpdateMyPreferencesDocument } from "../../lib/auth/graphql/UpdateMyPreferences.generated";
import { isLocale, useLocale, type Locale } from "../../i18n";

/**
 * What the pages last took from the person's saved language. Kept outside React: a change of language re-renders the
 * pages from the top (the layout mounts again) before the server has answered, and the saved value it then still sees
 * is the old one, which must not switch the pages back.
 */
let applied: { identityId: string; locale: string | null } | null = null;

/**
 * A choice made on this device that the server has not confirmed yet. Until the saved value catches up, the old saved
 * value a remounted layout sees is not a new choice from elsewhere: the pages keep the language just chosen (without
 * this they flickered back to the old language until the server answered).
 */
let pending: { identityId: string; locale: Locale } | null = null;

/**
 * The language saved on the person wins over this device's when they sign in (and this device remembers it for the
 * sign-in page). Returns how to save a new choice on the person.
 */
export function useSavedLocale(identityId: string | null, saved: string | null): (locale: Locale) => Promise<void> {
  const { locale, setLocale } = useLocale();
  const [update] = useMutation(UpdateMyPreferencesDocument);

  useEffect(() => {
    if (!identityId) return;
    if (pending?.identityId === identityId) {
      if (saved !== pending.locale) return;
      pending = null;
      applied = { identityId, locale: saved };
      return;
    }
    if (applied?.identityId === identityId && applied.locale === saved) return;
    applied = { identityId, locale: saved };
    if (isLocale(saved) && saved !== locale) void setLocale(saved);
    // Only when the saved language changes (a sign-in, another device's choice), not when this device's does.
  }, [identityId, saved]);

  return useCallback(
    async (chosen: Locale) => {
      if (identityId) pending = { identityId, locale: chosen };
      try {
        await update({ variables: { input: { locale: chosen } } });
      } catch {
        pending = null;
        // The pages are already in the new language on this device; the next sign-in elsewhere keeps the old one.
      }
    },
    [identityId, update],
  );
}
