// Letters carry personal data: in production the mail goes over TLS or not at all (the mailer's side of
// it, requireTLS against a server without STARTTLS, is tested in activities: mailer-tls.test.ts).
import { randomBytes } from 'node:crypto';
import { ConfigError } from '@complaints/service-kit';
import { loadCorrespondenceConfig, mailerOptions } from '../config';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://complaints@db.internal/complaints',
  PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
};

describe('SMTP in production', () => {
  it.each([
    'smtp://mail.internal:587?ignoreTLS=true',
    'smtp://mail.internal:587?requireTLS=false',
    'smtps://mail.internal:465?tls.rejectUnauthorized=false',
  ])('refuses %s, naming SMTP_URL but not echoing it', (url) => {
    expect(() => loadCorrespondenceConfig({ ...production, SMTP_URL: url })).toThrow(ConfigError);
    try {
      loadCorrespondenceConfig({ ...production, SMTP_URL: url });
    } catch (error) {
      expect((error as Error).message).toMatch(/SMTP_URL: must not turn TLS off in production/);
      expect((error as Error).message).not.toContain('mail.internal');
    }
  });

  it('requires TLS of the mailer in production, and not in development', () => {
    const config = loadCorrespondenceConfig({ ...production, SMTP_URL: 'smtp://mail.internal:587' });
    expect(mailerOptions(config)).toEqual({ requireTLS: true });
    const development = loadCorrespondenceConfig({ ...process.env, NODE_ENV: 'development' });
    expect(mailerOptions(development)).toEqual({ requireTLS: false });
  });
});
