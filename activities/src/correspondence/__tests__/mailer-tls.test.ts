// requireTLS (what production sets): a server that cannot upgrade to TLS gets nothing, where the same
// server takes the message from a mailer that does not insist.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer, DeliveryError } from '../mailer';

let server: SMTPServer;
let url: string;
let received = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const email = () => ({
  messageId: `<${randomBytes(8).toString('hex')}@complaints.test>`,
  from: 'complaints@test',
  to: [{ name: 'TLS check', address: 'tls.check@example.test' }],
  subject: 'TLS check',
  html: '<p>TLS check</p>',
  text: 'TLS check',
});

it('sends nothing in clear when TLS is required, and the same server takes it otherwise', async () => {
  const strict = createSmtpMailer(url, { requireTLS: true });
  const relaxed = createSmtpMailer(url);
  try {
    await expect(strict.send(email())).rejects.toBeInstanceOf(DeliveryError);
    expect(received).toBe(0);
    await expect(relaxed.send(email())).resolves.toEqual({ rejectedRecipients: 0 });
    expect(received).toBe(1);
  } finally {
    strict.close();
    relaxed.close();
  }
});
