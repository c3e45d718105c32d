/**
 * The authority's small pages: "Sign in to the mock Partner Center", one button per test user (a plain form
 * POST back to the same address, so it works in any browser window, `launchWebAuthFlow` included), the page
 * `response_mode=form_post` answers with, and the page a refused request gets. Every echoed value is escaped: it comes from the query string.
 */
import { ROLE_NAMES } from '@/domain/roles';
import { TEST_USERS } from './users';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #201f1e; }
  main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px;
         box-shadow: 0 2px 8px rgb(0 0 0 / 14%); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  ul { list-style: none; padding: 0; }
  li { margin: .5rem 0; }
  button { width: 100%; padding: .6rem 1rem; font: inherit; text-align: start; border: 1px solid #8a8886;
           border-radius: 4px; background: #fff; cursor: pointer; }
  button:hover, button:focus-visible { border-color: #0f6cbd; outline: 2px solid #0f6cbd; }
  .upn { display: block; color: #605e5c; font-size: .85rem; }
  code { overflow-wrap: anywhere; }
  @media (prefers-color-scheme: dark) {
    body { background: #1b1a19; color: #f3f2f1; } main { background: #292827; }
    button { background: #323130; color: inherit; } .upn { color: #c8c6c4; }
  }`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The sign-in page; `params` (the validated authorize request) travel on as hidden fields. */
export function signInPage(action: string, params: Record<string, string>, clientId: string, redirectUri: string) {
  const hidden = Object.entries(params)
    .filter(([name]) => name !== 'login_hint')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const buttons = TEST_USERS.map(
    (user, n) =>
      `<li><button type="submit" name="login_hint" value="${escapeHtml(user.upn)}" aria-describedby="upn-${n}">` +
      `Sign in as ${escapeHtml(ROLE_NAMES[user.role])}</button>` +
      `<span class="upn" id="upn-${n}">${escapeHtml(user.upn)}</span></li>`,
  ).join('\n');
  return page(
    'Sign in to the mock Partner Center',
    `<p>A local stand-in for Microsoft Entra ID. Choose a test user: the application
<code>${escapeHtml(clientId)}</code> gets a token for the Partner Center API, sent to
<code>${escapeHtml(new URL(redirectUri).origin)}</code>.</p>
<form method="post" action="${escapeHtml(action)}">
${hidden}
<ul>
${buttons}
</ul>
</form>`,
  );
}

/** `response_mode=form_post`: the answer as a form that posts itself to `action` (a button where scripts are off). */
export function formPostPage(action: string, fields: Record<string, string>, nonce: string): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    'Signing in…',
    `<form method="post" action="${escapeHtml(action)}">
${hidden}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script nonce="${escapeHtml(nonce)}">document.forms[0].submit();</script>`,
  );
}

export function errorPage(error: string, description: string): string {
  return page('Sign-in failed', `<p><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>`);
}
