// Delivery you can see (issue #5 point 5, ADR 0007), against the real test Postgres and real SMTP servers: the
// mail catcher, and a faulty relay in front of it that refuses as told. Every item's status and history is read
// back from the database, every message from the inbox.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { seedDemoData } from '@complaints/db';
import { MailInbox, openTestDataSource, readPdf } from '@complaints/testing';
import type { SendCorrespondenceInput } from '../contract';
import { MAX_LAYOUT_ATTEMPTS } from '../send-correspondence.activity';
import { renderLetterPdf } from '../pdf';
import {
  ADDRESS,
  DeliveryFixtures,
  failureOf,
  MESSAGE_ID_DOMAIN,
  messageIdOf,
  runActivity,
  steps,
  withMessageId,
} from './delivery-fixtures';
import { startFaultySmtpRelay, type FaultySmtpRelay } from './faulty-smtp-relay';

jest.setTimeout(60_000);

let dataSource: DataSource;
let fixtures: DeliveryFixtures;
const inbox = new MailInbox();
const relays: FaultySmtpRelay[] = [];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  fixtures = new DeliveryFixtures(dataSource);
});

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  await fixtures?.cleanUp();
  await dataSource?.destroy();
});

async function relay(faults: Parameters<typeof startFaultySmtpRelay>[0]): Promise<FaultySmtpRelay> {
  const started = await startFaultySmtpRelay(faults);
  relays.push(started);
  return started;
}

const acknowledgement = (reference: string): SendCorrespondenceInput => ({
  reference,
  step: 'acknowledgement-letter',
  template: 'acknowledgement',
  audience: 'complainant',
});

/** Proves everything sent to `address` before it has arrived: one more email there, waited for. */
async function flush(address: string): Promise<void> {
  const reference = await fixtures.newComplaint({ complainant: { email: address } });
  await runActivity(fixtures.activities(), acknowledgement(reference));
  await inbox.waitFor(withMessageId(messageIdOf(`${reference}:acknowledgement-letter:email`)));
}

const PERSONAL = ['Alex Example', 'Acacia', 'AL10 9AB'];

describe('a failed SMTP server followed by recovery', () => {
  it('each refusal is retryable and visible; once the server recovers the message is sent exactly once', async () => {
    const reference = await fixtures.newComplaint();
    const email = await fixtures.complainantEmail(reference);
    const input = { ...acknowledgement(reference), approvedBy: 'hpft-complaints-manager' };
    const server = await relay({ refuseFirst: 2 });
    const activities = fixtures.activities(server.url);

    for (const attempt of [1, 2]) {
      const failure = await failureOf(() => runActivity(activities, input));
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({
        type: 'DeliveryError',
        nonRetryable: false,
        message: 'SMTP delivery failed (EMESSAGE 451)',
      });
      const [item] = await fixtures.rowsOf(reference);
      // Back where it was, the refusal recorded: not sent, waiting for the workflow's backoff.
      expect(item).toMatchObject({ status: 'approved', attempts: attempt, sentAt: null });
      expect(item.lastError).toBe('SMTP delivery failed (EMESSAGE 451)');
    }
    expect(server.refused).toBe(2);

    const result = await runActivity(activities, input);
    const [item] = await fixtures.rowsOf(reference);
    expect(result.items).toEqual([{ correspondenceId: item.id, channel: 'email', status: 'delivered' }]);
    expect(item).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    const refusal = 'SMTP delivery failed (EMESSAGE 451)';
    expect(steps(item)).toEqual([
      ['drafted', null],
      ['approved', null],
      ['sending', null],
      ['approved', refusal],
      ['sending', null],
      ['approved', refusal],
      ['sending', null],
      ['sent', null],
      ['delivered', null],
    ]);
    expect(item.history[1].by).toBe('hpft-complaints-manager');

    // Later attempts (a workflow retry after a lost answer) send nothing more.
    expect(await runActivity(activities, input)).toEqual(result);
    await flush(email);
    const received = (await inbox.messagesTo(email)).filter(
      withMessageId(messageIdOf(`${reference}:acknowledgement-letter:email`)),
    );
    expect(received).toHaveLength(1);
    expect(server.refused).toBe(2);
  });
});

describe('a recipient refused for good', () => {
  it('the item fails with a code, the handler is told without personal data, and the letter is queued to print with its PDF', async () => {
    const reference = await fixtures.newComplaint({ replyChannels: ['email'] });
    const email = await fixtures.complainantEmail(reference);
    const server = await relay({ rejectRecipient: (address) => address === email });
    const activities = fixtures.activities(server.url);

    const result = await runActivity(activities, acknowledgement(reference));

    const rows = await fixtures.rowsOf(reference);
    const byKey = (suffix: string) => rows.find((row) => row.idempotencyKey === `${reference}:${suffix}`)!;
    const failed = byKey('acknowledgement-letter:email');
    const letter = byKey('acknowledgement-letter:letter');
    const alert = byKey('acknowledgement-letter:email:delivery-alert:email');
    expect(rows).toHaveLength(3);
    expect(result).toEqual({
      items: [
        { correspondenceId: failed.id, channel: 'email', status: 'failed' },
        { correspondenceId: letter.id, channel: 'letter', status: 'sent' },
      ],
      noUsableContact: false,
    });

    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      sentAt: null,
      lastError: 'SMTP delivery failed (EENVELOPE 550)',
    });
    expect(steps(failed)).toEqual([
      ['drafted', null],
      ['sending', null],
      ['failed', 'SMTP delivery failed (EENVELOPE 550)'],
    ]);
    expect(await inbox.messagesTo(email)).toEqual([]);

    // The fallback: the same letter, addressed to the postal address, laid out for a window envelope.
    expect(letter).toMatchObject({
      template: 'acknowledgement',
      channel: 'letter',
      audience: 'complainant',
      status: 'sent',
      recipient: ['Alex Example', ...ADDRESS.lines, ADDRESS.postcode].join('\n'),
    });
    expect(letter.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printed = (await readPdf(letter.pdf!)).pages.map((page) => page.text).join('\n');
    expect(printed).toContain('Dear Alex Example,');
    expect(printed).toContain('12 Acacia Avenue');

    const [message] = await inbox.waitFor(withMessageId(alert.messageId.slice(1, -1)));
    expect(alert).toMatchObject({ template: 'delivery-failed', audience: 'handler', status: 'delivered' });
    expect(message.to).toEqual([{ address: 'handler@hpft.demo', name: 'Complaint Handler (HPFT)' }]);
    expect(message.subject).toBe(`Delivery failed: acknowledgement email for complaint ${reference}`);
    const text = message.text.replace(/\s+/g, ' ');
    expect(text).toContain(
      `The email "acknowledgement" for complaint ${reference} could not be delivered (SMTP delivery failed (EENVELOPE 550))`,
    );
    expect(text).toContain('A printed copy has been queued to post to the address on record instead.');
    expect(text).toContain(`resend it from the correspondence log (item ${failed.id})`);
    for (const personal of [...PERSONAL, email]) expect(message.html).not.toContain(personal);

    // A retry (the workflow never saw the answer) duplicates nothing: no second letter, no second alert.
    expect(await runActivity(activities, acknowledgement(reference))).toEqual(result);
    expect(await fixtures.rowsOf(reference)).toHaveLength(3);
    await flush('handler@hpft.demo');
    expect(
      (await inbox.messagesTo('handler@hpft.demo')).filter(withMessageId(message.messageId)),
    ).toHaveLength(1);
  });

  it('without a postal address nothing replaces the email, and the handler is told so', async () => {
    const reference = await fixtures.newComplaint({ complainant: { address: null } });
    const email = await fixtures.complainantEmail(reference);
    const server = await relay({ rejectRecipient: (address) => address === email });

    const result = await runActivity(fixtures.activities(server.url), acknowledgement(reference));

    expect(result.items.map((item) => [item.channel, item.status])).toEqual([['email', 'failed']]);
    const [message] = await inbox.waitFor(
      withMessageId(messageIdOf(`${reference}:acknowledgement-letter:email:delivery-alert:email`)),
    );
    expect(message.text.replace(/\s+/g, ' ')).toContain('Nothing has been sent in its place.');
    expect((await fixtures.rowsOf(reference)).map((row) => row.channel)).toEqual(['email', 'email']);
  });
});

describe('the worker killed between the SMTP send and its record', () => {
  const child = path.join(__dirname, 'send-in-child-process.js');

  /** Runs the activity in a child process that pauses once the SMTP server took the message; SIGKILLs it there. */
  function sendAndKill(input: SendCorrespondenceInput): Promise<NodeJS.Signals | null> {
    return new Promise((resolve, reject) => {
      const process_ = spawn(process.execPath, [child], {
        env: {
          ...process.env,
          SEND_INPUT: JSON.stringify(input),
          MESSAGE_ID_DOMAIN,
          FAULT_PAUSE_AFTER_SMTP_SEND: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let errors = '';
      process_.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('smtp-accepted\n')) process_.kill('SIGKILL');
      });
      process_.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      process_.on('error', reject);
      process_.on('exit', (code, signal) =>
        signal ? resolve(signal) : reject(new Error(`child exited ${code} before the send: ${errors}`)),
      );
    });
  }

  it('one message is in the inbox; the retry does not send it again, marks it unconfirmed and tells the handler', async () => {
    const reference = await fixtures.newComplaint();
    const email = await fixtures.complainantEmail(reference);
    const input = acknowledgement(reference);
    const messageId = messageIdOf(`${reference}:acknowledgement-letter:email`);

    expect(await sendAndKill(input)).toBe('SIGKILL');

    // The message went; its outcome was never recorded.
    await inbox.waitFor(withMessageId(messageId));
    const [orphan] = await fixtures.rowsOf(reference);
    expect(orphan).toMatchObject({ status: 'sending', attempts: 1, sentAt: null });

    // Temporal retries the activity on another worker (here, this process).
    const result = await runActivity(fixtures.activities(), input);

    const [item] = await fixtures.rowsOf(reference);
    expect(result.items).toEqual([{ correspondenceId: item.id, channel: 'email', status: 'unconfirmed' }]);
    expect(item).toMatchObject({ status: 'unconfirmed', attempts: 1, lastError: 'InterruptedDuringSend' });
    expect(steps(item)).toEqual([
      ['drafted', null],
      ['sending', null],
      ['unconfirmed', 'InterruptedDuringSend'],
    ]);
    const [alert] = await inbox.waitFor(
      withMessageId(messageIdOf(`${reference}:acknowledgement-letter:email:delivery-alert:email`)),
    );
    expect(alert.subject).toBe(`Delivery not confirmed: acknowledgement email for complaint ${reference}`);
    expect(alert.text.replace(/\s+/g, ' ')).toContain(
      'It has not been sent again automatically, so that the person is not sent it twice.',
    );
    for (const personal of [...PERSONAL, email]) expect(alert.html).not.toContain(personal);

    // Another retry changes nothing; exactly one copy ever reached the person.
    expect(await runActivity(fixtures.activities(), input)).toEqual(result);
    await flush(email);
    expect((await inbox.messagesTo(email)).filter(withMessageId(messageId))).toHaveLength(1);
  });
});

describe('a failing PDF engine', () => {
  it('is retried with the failure visible on the letter, and the letter is queued once a layout works', async () => {
    const reference = await fixtures.newComplaint({ replyChannels: ['letter'] });
    let failures = 2;
    const activities = fixtures.activities(undefined, {
      layout: (letter) =>
        failures-- > 0 ? Promise.reject(new Error('out of memory')) : renderLetterPdf(letter),
    });

    for (const attempt of [1, 2]) {
      const failure = await failureOf(() => runActivity(activities, acknowledgement(reference)));
      expect(failure).toMatchObject({
        type: 'PdfRenderError',
        nonRetryable: false,
        message: 'letter acknowledgement failed to lay out as PDF',
      });
      const [letter] = await fixtures.rowsOf(reference);
      expect(letter).toMatchObject({
        status: 'drafted',
        attempts: attempt,
        lastError: 'PdfRenderError',
        pdf: null,
      });
    }

    const result = await runActivity(activities, acknowledgement(reference));
    const [letter] = await fixtures.rowsOf(reference);
    expect(result.items).toEqual([{ correspondenceId: letter.id, channel: 'letter', status: 'sent' }]);
    expect(letter).toMatchObject({ status: 'sent', lastError: null });
    expect(letter.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it(`after ${MAX_LAYOUT_ATTEMPTS} failed layouts the letter is failed and the handler told, never dropped silently`, async () => {
    const reference = await fixtures.newComplaint({ replyChannels: ['letter'] });
    const activities = fixtures.activities(undefined, {
      layout: () => Promise.reject(new Error('engine down')),
    });
    for (let attempt = 1; attempt < MAX_LAYOUT_ATTEMPTS; attempt++) {
      expect(await failureOf(() => runActivity(activities, acknowledgement(reference)))).toMatchObject({
        type: 'PdfRenderError',
      });
    }

    const result = await runActivity(activities, acknowledgement(reference));

    const [letter, alert] = await fixtures.rowsOf(reference);
    expect(result.items).toEqual([{ correspondenceId: letter.id, channel: 'letter', status: 'failed' }]);
    expect(letter).toMatchObject({
      status: 'failed',
      attempts: MAX_LAYOUT_ATTEMPTS,
      lastError: 'PdfRenderError',
    });
    expect(steps(letter)).toEqual([
      ['drafted', null],
      ['failed', 'PdfRenderError'],
    ]);
    expect(alert).toMatchObject({ template: 'delivery-failed', status: 'delivered' });
    const [message] = await inbox.waitFor(withMessageId(alert.messageId.slice(1, -1)));
    expect(message.text.replace(/\s+/g, ' ')).toContain(
      `The letter "acknowledgement" for complaint ${reference} could not be prepared for printing (PdfRenderError)`,
    );
  });
});
