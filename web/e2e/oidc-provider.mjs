// A small OpenID Connect provider on loopback for the browser tests of external sign-in: discovery, an authorization
// page where the tester types who they are (and may cancel), authorization code + PKCE (S256) with the client
// authenticated by client_secret_basic, ID tokens signed RS256 with a key made at start, and its JWKS. It checks
// what a real provider checks (client id and secret, redirect URI and PKCE verifier of each code, one use per code)
// so that the customer subgraph's flow is exercised for real; it is not a general-purpose provider.
//   node e2e/oidc-provider.mjs    (env OIDC_PROVIDER_PORT, default 4091; OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)
// scripts/web-e2e.sh starts it beside the stack and configures the stack with it (OIDC_ISSUER …).
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts the provider; resolves to { issuer, close }. */
export function startOidcProvider({ port = 0, host = '127.0.0.1', publicHost = host, clientId, clientSecret, name = 'Local ID' }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = b64url(randomBytes(8));
  const codes = new Map(); // code -> what the authorization request asked, and who signed in
  let issuer;

  function idToken(grant) {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const claims = b64url(JSON.stringify({
      iss: issuer, sub: grant.sub, aud: clientId, iat: now, exp: now + 300, nonce: grant.nonce,
      email: grant.email, email_verified: grant.emailVerified, name: grant.name,
    }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey);
    return `${header}.${claims}.${b64url(signature)}`;
  }

  function send(res, status, type, body, headers = {}) {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  }
  const json = (res, status, body) => send(res, status, 'application/json', JSON.stringify(body));
  const page = (res, status, title, body) => send(res, status, 'text/html; charset=utf-8',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);

  async function form(req) {
    let text = '';
    for await (const chunk of req) text += chunk;
    return new URLSearchParams(text);
  }

  function authorizePage(res, q) {
    if (q.get('client_id') !== clientId) return page(res, 400, 'Unknown client', '<p>This application is not registered here.</p>');
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('redirect_uri')) {
      return page(res, 400, 'Invalid request', '<p>Authorization code with PKCE (S256) and a redirect URI are required.</p>');
    }
    const hidden = ['redirect_uri', 'state', 'nonce', 'code_challenge']
      .map((k) => `<input type="hidden" name="${k}" value="${escape(q.get(k) ?? '')}">`).join('');
    page(res, 200, `${name}: sign in`, `<p>Sign in to continue to the shop.</p>
      <form method="post" action="/authorize" aria-label="${escape(name)}">${hidden}
        <p><label>Email <input name="email" type="email" required></label></p>
        <p><label>Full name <input name="name" required></label></p>
        <p><label><input type="checkbox" name="email_verified" checked> Email address verified</label></p>
        <p><button type="submit" name="decision" value="allow">Continue</button>
           <button type="submit" name="decision" value="deny" formnovalidate>Cancel</button></p>
      </form>`);
  }

  async function authorizeDecision(req, res) {
    const f = await form(req);
    const back = new URL(f.get('redirect_uri'));
    if (f.get('state')) back.searchParams.set('state', f.get('state'));
    if (f.get('decision') !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user cancelled the sign-in.');
    } else {
      const code = b64url(randomBytes(24));
      const email = f.get('email').trim().toLowerCase();
      codes.set(code, {
        redirectUri: f.get('redirect_uri'), nonce: f.get('nonce') || undefined, challenge: f.get('code_challenge'),
        email, name: f.get('name'), emailVerified: f.get('email_verified') === 'on',
        sub: 'local-' + createHash('sha256').update(email).digest('hex').slice(0, 16), expires: Date.now() + 60_000,
      });
      back.searchParams.set('code', code);
    }
    send(res, 302, 'text/plain', '', { location: back.toString() });
  }

  async function token(req, res) {
    const auth = req.headers.authorization ?? '';
    const [id, secret] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
    if (!auth.startsWith('Basic ') || id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
    const f = await form(req);
    const grant = codes.get(f.get('code') ?? '');
    codes.delete(f.get('code') ?? ''); // one use
    const verifier = f.get('code_verifier') ?? '';
    if (f.get('grant_type') !== 'authorization_code' || !grant || grant.expires < Date.now()
      || grant.redirectUri !== f.get('redirect_uri') || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) {
      return json(res, 400, { error: 'invalid_grant' });
    }
    json(res, 200, { access_token: b64url(randomBytes(24)), token_type: 'Bearer', expires_in: 300, id_token: idToken(grant) });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, issuer);
    const route = `${req.method} ${url.pathname}`;
    const handled = {
      'GET /.well-known/openid-configuration': () => json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile'],
      }),
      'GET /jwks': () => json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }),
      'GET /authorize': () => authorizePage(res, url.searchParams),
      'POST /authorize': () => authorizeDecision(req, res),
      'POST /token': () => token(req, res),
      'GET /favicon.ico': () => send(res, 204, 'image/x-icon', ''),
    }[route];
    Promise.resolve(handled ? handled() : json(res, 404, { error: 'not_found' }))
      .catch((e) => { if (!res.headersSent) json(res, 400, { error: 'invalid_request', error_description: e.message }); });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      issuer = `http://${publicHost}:${server.address().port}`;
      resolve({ issuer, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const provider = await startOidcProvider({
    port: Number(process.env.OIDC_PROVIDER_PORT ?? 4091),
    clientId: process.env.OIDC_CLIENT_ID ?? 'shop-web',
    clientSecret: process.env.OIDC_CLIENT_SECRET ?? 'local-secret',
  });
  console.log(`OpenID Connect provider for the browser tests on ${provider.issuer}`);
  const stop = () => provider.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
