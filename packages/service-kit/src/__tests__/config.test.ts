// loadConfig with the settings every service shares: defaults, readable errors, and secrets never echoed.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { commonConfig, ConfigError, loadConfig, secret } from '../config';

const DATABASE_URL = 'postgres://complaints:s3cret-pw@db.internal:5432/complaints';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

describe('loadConfig(commonConfig)', () => {
  const ownKeys = {
    PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTH_JWT_SECRET: 'k'.repeat(48),
  };

  const identityDefaults = {
    OIDC_ALGORITHMS: [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
    ],
    OIDC_SUBJECT_CLAIM: 'sub',
    AUTH_AUDIENCE: 'complaints-staff',
    AUTH_TOKEN_MAX_LIFETIME_SECONDS: 28_800,
    AUTH_CLOCK_TOLERANCE_SECONDS: 30,
    AUTH_STAFF_CACHE_SECONDS: 60,
    RATE_LIMIT_PER_MINUTE: 600,
    RATE_LIMIT_INTAKE_PER_MINUTE: 60,
    RATE_LIMIT_PDF_PER_MINUTE: 20,
  };

  it('applies the defaults and coerces PORT to a number', () => {
    const config = loadConfig('test-service', commonConfig, { PORT: '8080', DATABASE_URL, ...ownKeys });
    expect(config).toEqual({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 8080,
      LOG_LEVEL: 'info',
      DATABASE_URL,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      ...ownKeys,
      AUTH_JWT_ISSUER: 'nhs-complaints',
      ...identityDefaults,
    });
  });

  it('has no default key: a service without its keys refuses to start, naming both', () => {
    const error = configError(() => loadConfig('test-service', commonConfig, { PORT: '8080', DATABASE_URL }));
    expect(error.message).toMatch(/PAYLOAD_ENCRYPTION_KEY: is required/);
    expect(error.message).toMatch(/AUTH_JWT_SECRET: is required/);
  });

  it('needs no development key when staff sign in through an identity provider', () => {
    const config = loadConfig('test-service', commonConfig, {
      PORT: '8080',
      DATABASE_URL,
      PAYLOAD_ENCRYPTION_KEY: ownKeys.PAYLOAD_ENCRYPTION_KEY,
      OIDC_ISSUER: 'https://login.example.nhs.uk/realms/staff',
    });
    expect(config.OIDC_ISSUER).toBe('https://login.example.nhs.uk/realms/staff');
    expect(config.AUTH_JWT_SECRET).toBeUndefined();
  });

  it.each([
    ['AUTH_JWT_SECRET', 'development-only-secret-change-me-in-production'],
    ['PAYLOAD_ENCRYPTION_KEY', 'ZGV2ZWxvcG1lbnQtb25seS1wYXlsb2FkLWtleS0zMiE='],
  ])(
    'refuses %s set to the development key once published in the source, without echoing it',
    (name, key) => {
      const error = configError(() =>
        loadConfig('test-service', commonConfig, { PORT: '8080', DATABASE_URL, ...ownKeys, [name]: key }),
      );
      expect(error.message).toContain(`${name}: is a key published in the source code`);
      expect(error.message).not.toContain(key);
    },
  );

  it('keeps the values it is given over the defaults', () => {
    const key = randomBytes(32).toString('base64');
    const config = loadConfig('test-service', commonConfig, {
      PORT: '3001',
      DATABASE_URL,
      LOG_LEVEL: 'silent',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'complaints',
      PAYLOAD_ENCRYPTION_KEY: key,
      AUTH_JWT_SECRET: 'k'.repeat(48),
      AUTH_JWT_ISSUER: 'issuer-x',
      HOST: '0.0.0.0',
    });
    expect(config).toEqual({
      ...identityDefaults,
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3001,
      DATABASE_URL,
      LOG_LEVEL: 'silent',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'complaints',
      PAYLOAD_ENCRYPTION_KEY: key,
      AUTH_JWT_SECRET: 'k'.repeat(48),
      AUTH_JWT_ISSUER: 'issuer-x',
    });
  });

  it.each(['not-a-port', '70000', '0', '80.5'])(
    'refuses PORT=%s with a ConfigError naming PORT and the bad value',
    (port) => {
      const error = configError(() => loadConfig('test-service', commonConfig, { PORT: port, DATABASE_URL }));
      expect(error.message).toMatch(/^test-service: invalid configuration\n/);
      const portLines = error.message.split('\n').filter((line) => line.trim().startsWith('PORT:'));
      expect(portLines).toHaveLength(1);
      expect(portLines[0]).toContain(`(got "${port}")`);
      expect(portLines[0]).toContain('HTTP port of this service');
    },
  );

  it('reports every problem, one line each, including a missing required value', () => {
    const error = configError(() =>
      loadConfig('test-service', commonConfig, { PORT: 'x', LOG_LEVEL: 'loud', ...ownKeys }),
    );
    const keys = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(':')[0]);
    expect(keys.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(error.message).toContain('(got "loud")');
  });

  it('names a bad DATABASE_URL without echoing it (it may carry a password)', () => {
    // Scheme missing: not a URL. (zod's url() accepts any scheme, so e.g. `complaints:x@host` would pass.)
    const bad = '//complaints:hunter2-password@db.internal/complaints';
    const error = configError(() =>
      loadConfig('test-service', commonConfig, { PORT: '3000', DATABASE_URL: bad }),
    );
    expect(error.message).toMatch(/DATABASE_URL: /);
    expect(error.message).toContain('Postgres connection URL');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain(bad);
    expect(error.message).not.toContain('got "');
  });

  it('names a PAYLOAD_ENCRYPTION_KEY of the wrong length without echoing it', () => {
    const shortKey = randomBytes(16).toString('base64');
    const error = configError(() =>
      loadConfig('test-service', commonConfig, {
        PORT: '3000',
        DATABASE_URL,
        PAYLOAD_ENCRYPTION_KEY: shortKey,
      }),
    );
    expect(error.message).toMatch(/PAYLOAD_ENCRYPTION_KEY: must be 32 bytes, base64-encoded/);
    expect(error.message).not.toContain(shortKey);
    expect(error.message).not.toContain(shortKey.slice(0, 12));
  });

  it('names a short AUTH_JWT_SECRET without echoing it', () => {
    const weak = 'too-short-secret-value';
    const error = configError(() =>
      loadConfig('test-service', commonConfig, { PORT: '3000', DATABASE_URL, AUTH_JWT_SECRET: weak }),
    );
    expect(error.message).toMatch(/AUTH_JWT_SECRET: must be at least 32 characters/);
    expect(error.message).not.toContain(weak);
  });

  it('hides any value marked secret() in a service-specific shape, and shows ordinary ones', () => {
    const shape = {
      ...commonConfig,
      SMTP_URL: secret(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// URL')),
      MAIL_FROM: z.string().min(3),
    };
    const error = configError(() =>
      loadConfig('test-service', shape, {
        PORT: '3000',
        DATABASE_URL,
        SMTP_URL: 'http://user:mailpass@smtp.example',
        MAIL_FROM: 'ab',
      }),
    );
    expect(error.message).toMatch(/SMTP_URL: must be an smtp:\/\/ URL/);
    expect(error.message).not.toContain('mailpass');
    expect(error.message).toContain('MAIL_FROM');
    expect(error.message).toContain('(got "ab")');
  });
});

describe('production (NODE_ENV=production)', () => {
  const production = {
    NODE_ENV: 'production',
    PORT: '8080',
    DATABASE_URL,
    PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    OIDC_ISSUER: 'https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc',
    AUTH_AUDIENCE: 'api://complaints-staff',
  };

  it('starts with an identity provider and keys of its own', () => {
    const config = loadConfig('test-service', commonConfig, production);
    expect(config.NODE_ENV).toBe('production');
    expect(config.OIDC_ISSUER).toBe(production.OIDC_ISSUER);
  });

  it('refuses any development (HS256) key, even a strong one of its own, without echoing it', () => {
    const key = randomBytes(48).toString('base64url');
    const error = configError(() =>
      loadConfig('test-service', commonConfig, { ...production, AUTH_JWT_SECRET: key }),
    );
    expect(error.message).toMatch(/AUTH_JWT_SECRET: development \(HS256\) tokens are refused in production/);
    expect(error.message).not.toContain(key);
  });

  it('refuses the development key once published in the source', () => {
    const error = configError(() =>
      loadConfig('test-service', commonConfig, {
        ...production,
        AUTH_JWT_SECRET: 'development-only-secret-change-me-in-production',
      }),
    );
    expect(error.message).toContain('AUTH_JWT_SECRET: is a key published in the source code');
  });

  it('refuses to start without an identity provider, and with a plain-http one', () => {
    const { OIDC_ISSUER: _issuer, ...withoutIssuer } = production;
    expect(configError(() => loadConfig('test-service', commonConfig, withoutIssuer)).message).toMatch(
      /OIDC_ISSUER: is required in production/,
    );
    const plain = configError(() =>
      loadConfig('test-service', commonConfig, { ...production, OIDC_ISSUER: 'http://idp.internal/realm' }),
    );
    expect(plain.message).toMatch(/OIDC_ISSUER: must be an https:\/\/ URL in production/);
  });

  it('refuses to start without its payload key', () => {
    const { PAYLOAD_ENCRYPTION_KEY: _key, ...withoutKey } = production;
    expect(configError(() => loadConfig('test-service', commonConfig, withoutKey)).message).toMatch(
      /PAYLOAD_ENCRYPTION_KEY: is required/,
    );
  });

  it.each(['HS256', 'RS256,HS512', 'none'])(
    'refuses OIDC_ALGORITHMS=%s: asymmetric signatures only',
    (algs) => {
      const error = configError(() =>
        loadConfig('test-service', commonConfig, { ...production, OIDC_ALGORITHMS: algs }),
      );
      expect(error.message).toMatch(/OIDC_ALGORITHMS: must be asymmetric signature algorithms only/);
    },
  );

  it('refuses a staff cache longer than a minute', () => {
    const error = configError(() =>
      loadConfig('test-service', commonConfig, { ...production, AUTH_STAFF_CACHE_SECONDS: '300' }),
    );
    expect(error.message).toMatch(/AUTH_STAFF_CACHE_SECONDS: /);
  });
});
