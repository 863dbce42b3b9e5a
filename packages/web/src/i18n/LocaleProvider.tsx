import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { IntlProvider } from "react-intl";
import { loadMessages, type Messages } from "./catalog";
import { DEFAULT_LOCALE, storeLocale, type Locale } from "./locales";
import { setMessages } from "./runtime";

interface LocaleState {
  locale: Locale;
  /** Switch the language (downloading its catalog first) and remember it on this device. */
  setLocale: (locale: Locale) => Promise<void>;
}

const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: async () => {} });

export const useLocale = () => useContext(LocaleContext);

/** Puts the reader's language in force: react-intl's provider, the `t` messages, dates, and the page's lang attribute. */
export function LocaleProvider({
  locale: initial,
  messages: initialMessages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const [state, setState] = useState({ locale: initial, messages: initialMessages });
  // Before the pages render (they read messages through `t`), not after.
  setMessages(state.locale, state.messages);

  useLayoutEffect(() => {
    document.documentElement.lang = state.locale;
  }, [state.locale]);

  const setLocale = useCallback(async (locale: Locale) => {
    const messages = await loadMessages(locale);
    storeLocale(locale);
    setState((current) => (current.locale === locale ? current : { locale, messages }));
  }, []);

  const value = useMemo(() => ({ locale: state.locale, setLocale }), [state.locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      {/* A new language re-renders every page from the top, so text computed outside components follows too. */}
      <IntlProvider key={state.locale} locale={state.locale} messages={state.messages} defaultLocale={DEFAULT_LOCALE}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
