import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

export interface OutgoingEmail {
  messageId: string;
  from: string;
  to: { name: string; address: string }[];
  subject: string;
  html: string;
  text: string;
}

/** Delivery as the SMTP server reports it; `permanent` for a 5xx refusal that retrying will not change. */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    // The message carries codes only: SMTP replies can quote addresses, and this text reaches Temporal history.
    super(`SMTP delivery failed (${code})`);
  }
}

/** What the SMTP server accepted: how many of the recipients it refused (it took the message for the rest). */
export interface SmtpReceipt {
  rejectedRecipients: number;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<SmtpReceipt>;
  close(): void;
}

/**
 * nodemailer over SMTP, pooled, with timeouts so a hung server fails the attempt instead of the worker.
 * `requireTLS` (production): an smtp:// server must upgrade with STARTTLS, or nothing is sent.
 */
export function createSmtpMailer(smtpUrl: string, options: { requireTLS?: boolean } = {}): Mailer {
  // Given a URL, nodemailer takes the connection options from the URL alone (a second argument is message
  // defaults), so the URL is parsed here and the pool, timeouts and TLS requirement added to it.
  const transport: Transporter = nodemailer.createTransport({
    ...parseConnectionUrl(smtpUrl),
    ...(options.requireTLS ? { requireTLS: true } : {}),
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({ ...email, headers: { 'Auto-Submitted': 'auto-generated' } });
        return { rejectedRecipients: info.rejected?.length ?? 0 };
      } catch (error) {
        const { code, responseCode } = error as { code?: string; responseCode?: number };
        throw new DeliveryError(
          responseCode ? `${code ?? 'SMTP'} ${responseCode}` : (code ?? 'unknown'),
          Boolean(responseCode && responseCode >= 500),
        );
      }
    },
    close: () => transport.close(),
  };
}
