/**
 * Just enough of a browser for sign-in flows over HTTP: cookies per host, redirects followed one by one, forms posted.
 * The real browser test (tests/browser) drives Chromium through the same pages.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();
  /** Every URL visited, in order (redirects included). */
  readonly visited: string[] = [];

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies.get(target.host) ?? new Map<string, string>();
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
    this.visited.push(url);
    const response = await fetch(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(target.host, jar);
    return response;
  }

  /** Follows redirects until a page answers (or a redirect leaves for `stopAt`, returned without following). */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}, stopAt?: (url: string) => boolean) {
    let response = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      const next = new URL(response.headers.get("location")!, current).href;
      if (stopAt?.(next)) return { url: next, response, redirected: true as const };
      current = next;
      response = await this.request(current);
    }
    return { url: current, response, redirected: false as const };
  }
}

/** The action of the first form on a page (oidc-provider's login and consent pages). */
export function formAction(html: string, base: string): string {
  const match = /<form[^>]*action="([^"]+)"/i.exec(html);
  if (!match) throw new Error(`no form on the page: ${html.slice(0, 500)}`);
  return new URL(match[1].replace(/&amp;/g, "&"), base).href;
}
