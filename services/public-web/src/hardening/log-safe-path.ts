/**
 * The request path as logs may record it: a single-use link's token (`/partner-links/<token>`, ADR 0027) is a
 * secret that opens a joint case, so it is replaced; query strings are never logged at all.
 */
export function logSafePath(url: string): string {
  return url.split('?')[0].replace(/^\/partner-links\/[^/]+/, '/partner-links/:token');
}
