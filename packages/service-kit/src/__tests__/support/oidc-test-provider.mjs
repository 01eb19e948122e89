// A real OpenID Connect provider for the tests: panva's oidc-provider (OpenID Certified), on loopback,
// issuing JWT access tokens by the client-credentials grant, one resource server per audience.
// Environment: OIDC_TEST_JWKS (private keys, JSON), OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET.
// Prints `READY <issuer>` once it listens; stops on SIGTERM.
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

const RESOURCE_SERVERS = {
  'urn:complaints:staff': { audience: 'complaints-staff', accessTokenTTL: 300 },
  'urn:complaints:partners': { audience: 'complaints-partners', accessTokenTTL: 300 },
  'urn:complaints:staff-short-lived': { audience: 'complaints-staff', accessTokenTTL: 1 },
  'urn:complaints:staff-day-long': { audience: 'complaints-staff', accessTokenTTL: 86_400 },
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    jwks: JSON.parse(process.env.OIDC_TEST_JWKS),
    clients: [
      {
        client_id: process.env.OIDC_TEST_CLIENT_ID,
        client_secret: process.env.OIDC_TEST_CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
        scope: 'staff',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    scopes: ['staff'],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          const info = RESOURCE_SERVERS[resource];
          if (!info) throw new errors.InvalidTarget();
          return { scope: 'staff', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } }, ...info };
        },
      },
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`READY ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
