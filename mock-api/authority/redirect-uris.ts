/**
 * Where the authority may send a code: an extension's identity address (what `browser.identity.getRedirectURL()`
 * gives) or a page on this machine. Anything else would make the sign-in page an open redirect.
 */
const EXTENSION_HOSTS = [
  /^[a-p]{32}\.chromiumapp\.org$/, // Chrome and Chromium: the extension id, 32 letters a–p
  /^[0-9a-f]{40}\.extensions\.allizom\.org$/, // Firefox: a hash of the extension id
];
const LOOPBACK = /^(localhost|[^.]+\.localhost|127\.0\.0\.1|\[::1\])$/;

export function isAllowedRedirectUri(value: string | undefined): boolean {
  if (!value || !URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:' && EXTENSION_HOSTS.some((host) => host.test(url.hostname))) return true;
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.test(url.hostname);
}
