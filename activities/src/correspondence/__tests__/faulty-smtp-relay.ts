// A real SMTP server for failure tests: it refuses what it is told to, over the SMTP protocol, and relays the
// rest to the test command's mail catcher, so what got through is read back from the real inbox.
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

export interface FaultySmtpRelay {
  url: string;
  /** Messages refused with a 4xx so far. */
  readonly refused: number;
  close(): Promise<void>;
}

export interface Faults {
  /** Answer the first this-many messages with `451 try again later` after reading them (default 0). */
  refuseFirst?: number;
  /** Answer `550 mailbox unavailable` to these recipients at RCPT TO. */
  rejectRecipient?: (address: string) => boolean;
}

const smtpError = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

export async function startFaultySmtpRelay(faults: Faults): Promise<FaultySmtpRelay> {
  const upstreamUrl = process.env.SMTP_URL;
  if (!upstreamUrl) throw new Error('SMTP_URL is not set: run the tests with the README test command');
  const upstream = nodemailer.createTransport(upstreamUrl);
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (faults.rejectRecipient?.(address.address))
        return callback(smtpError(550, '5.1.1 Mailbox unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refused < (faults.refuseFirst ?? 0)) {
          refused++;
          return callback(smtpError(451, '4.3.0 Try again later'));
        }
        const mailFrom = session.envelope.mailFrom;
        upstream
          .sendMail({
            envelope: {
              from: mailFrom ? mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
            raw: Buffer.concat(chunks),
          })
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        upstream.close();
        server.close(() => resolve());
      }),
  };
}
