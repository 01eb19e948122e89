/** A message as the mail catcher (maildev) received it over SMTP. */
export interface ReceivedMessage {
  id: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  from: { address: string; name: string }[];
  to: { address: string; name: string }[];
  headers: Record<string, string>;
}

/** Reads back what the real SMTP server received, through the mail catcher's web API (MAIL_INBOX_URL). */
export class MailInbox {
  constructor(private readonly baseUrl = process.env.MAIL_INBOX_URL) {
    if (!baseUrl) throw new Error('MAIL_INBOX_URL is not set: run the tests with the README test command');
  }

  async messages(): Promise<ReceivedMessage[]> {
    const response = await fetch(`${this.baseUrl}/email`);
    if (!response.ok) throw new Error(`mail inbox answered ${response.status}`);
    return (await response.json()) as ReceivedMessage[];
  }

  async messagesTo(address: string): Promise<ReceivedMessage[]> {
    return (await this.messages()).filter((message) =>
      message.to.some((to) => to.address.toLowerCase() === address.toLowerCase()),
    );
  }

  /** Waits until `predicate` holds for the messages received so far, and returns those that match. */
  async waitFor(
    predicate: (message: ReceivedMessage) => boolean,
    { count = 1, timeoutMs = 20_000 } = {},
  ): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = (await this.messages()).filter(predicate);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline)
        throw new Error(`expected ${count} matching message(s) in the inbox, found ${matching.length}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
