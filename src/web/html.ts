/**
 * HTML by small template functions: every interpolated value is escaped unless it is already
 * `Html` (built here, or a translation whose interpolated values i18next escaped). No inline
 * script or style anywhere: the Content-Security-Policy forbids both.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const escapeText = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

type Value = Html | string | number | null | undefined | false | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (value instanceof Html) return value.value;
  return escapeText(String(value));
}

/** A tagged template: `html\`<p>${name}</p>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup (a translation: its own text is ours, its interpolated values were escaped by i18next). */
export const raw = (markup: string | Html): Html => (markup instanceof Html ? markup : new Html(markup));

export interface LayoutInput {
  lang: string;
  title: Html;
  siteTitle: Html;
  body: Html;
  /** Shown when signed in: the home link and the sign-out form (with its CSRF token). */
  signedIn?: { homeLabel: Html; logoutLabel: Html; csrf: string };
}

export function layout(input: LayoutInput): string {
  const nav = input.signedIn
    ? html`<nav><a href="/">${input.signedIn.homeLabel}</a><form method="post" action="/logout"><input type="hidden" name="csrf" value="${input.signedIn.csrf}"><button type="submit" class="link">${input.signedIn.logoutLabel}</button></form></nav>`
    : "";
  return `<!doctype html>\n${html`<html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="same-origin"><title>${input.title} · ${input.siteTitle}</title><link rel="stylesheet" href="/assets/web.css"></head><body><header><span class="site">${input.siteTitle}</span>${nav}</header><main>${input.body}</main></body></html>`.value}`;
}
