// A second, independent OpenID provider for the portal's tests: panva's
// certified `oidc-provider`, configured as a national's provider would be:
// one confidential client (client_secret_basic), authorization code flow only,
// PKCE S256 required, RS256 ID tokens carrying email and groups.
//
//   node provider.mjs [PORT]          (or OIDC_PORT; 0 picks a free port)
//
// Environment:
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the client the portal registers with `portal idp add`
//   OIDC_REDIRECT_URIS                   space- or comma-separated, exactly what the portal sends
//   OIDC_POST_LOGOUT_REDIRECT_URIS       optional, likewise, for RP-initiated logout
//   OIDC_ACCOUNTS                        optional JSON {"login": {"name": "...", "groups": [...],
//                                        "email": "..."}}; the login is the subject (`sub`). Any
//                                        other login signs in too, with no groups
//   OIDC_CONFORM_ID_TOKEN_CLAIMS=1       keep email/name/groups out of the ID token (userinfo only),
//                                        oidc-provider's default
//
// Sign-in uses oidc-provider's built-in development pages (devInteractions):
// type any login (and any password). When listening it prints one line:
//   READY {"issuer": "http://127.0.0.1:PORT", "port": PORT, "pid": PID}
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: set ${name}`);
    process.exit(2);
  }
  return value;
}

const requestedPort = Number(process.argv[2] ?? process.env.OIDC_PORT ?? 0);
if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
  console.error(`provider.mjs: bad port ${process.argv[2] ?? process.env.OIDC_PORT}`);
  process.exit(2);
}
const clientId = required('OIDC_CLIENT_ID');
const clientSecret = required('OIDC_CLIENT_SECRET');
const uris = (value) => (value || '').split(/[\s,]+/).filter(Boolean);
const redirectUris = uris(required('OIDC_REDIRECT_URIS'));
const postLogoutRedirectUris = uris(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

// A fresh RS256 signing key for every run.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: `node-${randomBytes(6).toString('hex')}`,
  use: 'sig',
  alg: 'RS256',
};

// The person behind a typed login: devInteractions make the login the
// account id, which is the subject (`sub`) of the ID token.
function claimsFor(login) {
  const known = accounts[login] || {};
  const email = known.email || (login.includes('@') ? login : `${login}@example.org`);
  return {
    sub: login,
    email,
    email_verified: true,
    name: known.name || email.split('@')[0],
    groups: Array.isArray(known.groups) ? known.groups.map(String) : [],
  };
}

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  responseTypes: ['code'],
  pkce: { required: () => true }, // S256 is the only method oidc-provider supports
  features: {
    devInteractions: { enabled: true },
  },
  // The portal asks for "openid email profile"; `groups` rides on profile.
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups'],
  },
  scopes: ['openid', 'email', 'profile'],
  // Put the scope-granted claims in the ID token itself, not only behind the
  // userinfo endpoint (the portal reads the ID token only). OIDC Core 5.4 and
  // oidc-provider's default (true) keep them out of an ID token issued with an
  // access token; OIDC_CONFORM_ID_TOKEN_CLAIMS=1 restores that default.
  conformIdTokenClaims: process.env.OIDC_CONFORM_ID_TOKEN_CLAIMS === '1',
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return claimsFor(id); } };
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><title>oops</title><pre id="error">${
      Object.entries(out).map(([k, v]) => `${k}: ${String(v).replace(/[<>&]/g, '')}`).join('\n')}</pre>`;
  },
};

const server = createServer();
server.listen(requestedPort, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration);

  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  console.log(`READY ${JSON.stringify({ issuer, port, pid: process.pid })}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
