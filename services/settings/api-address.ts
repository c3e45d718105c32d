/** The API address the agent types: what counts as valid, and how it is stored (an origin, no path). */
export function parseApiAddress(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The host permission pattern for an address (match patterns carry no port). */
export function originPattern(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}
