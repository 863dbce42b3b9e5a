import { useMutation } from "@apollo/client/react";
import { useCallback, useEffect } from "react";
import { UpdateMyPreferencesDocument } from "../../lib/auth/graphql/UpdateMyPreferences.generated";
import { isLocale, useLocale, type Locale } from "../../i18n";

/**
 * The language saved on the person wins over this device's: once signed in, the pages switch to it (and this device
 * remembers it for the sign-in page). Returns how to save a new choice on the person.
 */
export function useSavedLocale(saved: string | null): (locale: Locale) => Promise<void> {
  const { locale, setLocale } = useLocale();
  const [update] = useMutation(UpdateMyPreferencesDocument);

  useEffect(() => {
    if (isLocale(saved) && saved !== locale) void setLocale(saved);
    // Only when the saved language changes (a sign-in, another device's choice), not when this device's does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saved]);

  return useCallback(
    async (chosen: Locale) => {
      try {
        await update({ variables: { input: { locale: chosen } } });
      } catch {
        // The pages are already in the new language on this device; the next sign-in elsewhere keeps the old one.
      }
    },
    [update],
  );
}
