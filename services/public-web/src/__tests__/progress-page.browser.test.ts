// The complainant's private progress page in real headless Chromium (issue #18 point 3): opened by the
// link staff issue (an access link, ADR 0017), the link's secret gone from the address bar at once; the
// stage in plain words after each stage, the next date, the letters sent to them and their download, a
// message and "not satisfied" reaching the handler as case events; every view in the access log; a
// revoked or expired link refused; axe-core on every page.
import type { Page } from 'playwright-core';
import { Complaint, Correspondence, issueAccessLink } from '@complaints/db';
import { createWorkingDayCalendar, getProfile, acknowledgementDue, londonDate } from '@complaints/domain';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { longDate } from '../form/dates';
import { usePublicSite } from './browser-harness';

const site = usePublicSite();

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await site().audit(page, name) }).toEqual({ page: name, violations: [] });
}

async function staff(method: string, path: string, request?: object) {
  const token = await site().staffToken('complaints-manager@hpft.demo');
  const response = await fetch(`${site().apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: request ? JSON.stringify(request) : undefined,
  });
  const body = (response.status === 204 ? {} : await response.json()) as Record<string, unknown>;
  return { status: response.status, body };
}

/** A complaint taken in by staff, for someone who will follow it online. */
async function complaint(): Promise<string> {
  const suffix = uniqueSuffix();
  const created = await staff('POST', '/complaints', {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'phone',
    receivedOn: londonDate(new Date()),
    complainant: {
      name: `Pat Progress-${suffix}`,
      email: `pat.${suffix}@example.org`,
      relationship: 'patient',
    },
    replyChannels: ['email'],
    issues: [{ description: 'My appointment was cancelled twice without notice.' }],
  });
  expect(created.status).toBe(201);
  return created.body.reference as string;
}

/** The link staff would send, pointed at this test's public site. */
async function progressLink(reference: string): Promise<{ id: string; url: string }> {
  const issued = await staff('POST', `/complaints/${reference}/progress-links`, { days: 30 });
  expect(issued.status).toBe(201);
  const link = new URL(issued.body.link as string);
  expect(link.pathname).toBe('/hpft/progress');
  return { id: issued.body.id as string, url: `${site().url}${link.pathname}${link.search}` };
}

describe("the complainant's progress page", () => {
  it('shows where the complaint is after each stage, its letters, and takes messages to the handler', async () => {
    const reference = await complaint();
    const link = await progressLink(reference);
    const page = await site().context.newPage();
    const owner = await openTestDataSource();
    try {
      await page.goto(link.url);
      // The secret has left the address bar (and so the history and any referrer).
      expect(page.url()).toBe(`${site().url}/hpft/progress`);
      await expectAccessible(page, 'progress-01-received');
      expect(await page.locator('#stage').innerText()).toBe('We have received your complaint');
      const due = acknowledgementDue(getProfile('hpft'), londonDate(new Date()), createWorkingDayCalendar());
      expect(await page.locator('#next-date').innerText()).toBe(longDate(due));
      expect(await page.locator('#letters').innerText()).toBe('We have not sent you any letters yet.');
      // Only after a response can the person say they are not satisfied.
      expect(await page.getByLabel('I am not satisfied with your response').count()).toBe(0);

      // A letter sent to them (as the correspondence service records one), and one to staff that is not shown.
      const letters = owner.getRepository(Correspondence);
      const pdf = Buffer.from('%PDF-1.7\n% acknowledgement letter\n');
      for (const audience of ['complainant', 'handler'])
        await letters.insert({
          idempotencyKey: `${reference}:progress-test:${audience}`,
          complaintReference: reference,
          template: 'acknowledgement',
          templateVersion: 1,
          channel: 'email',
          audience,
          recipient: `${audience}@example.org`,
          subject: audience === 'complainant' ? 'We have received your complaint' : 'New complaint',
          html: '<p>Letter</p>',
          text: 'Letter',
          pdf,
          status: 'sent',
          messageId: `<${reference}-${audience}@complaints.test>`,
          sentAt: new Date(),
        });

      // The stage as the record shows it, after each step of the procedure.
      const steps: [string, string][] = [
        ['acknowledged', 'We have acknowledged your complaint'],
        ['early-resolution', 'We are trying to resolve your complaint quickly'],
        ['closer-look', 'We are looking into your complaint'],
        ['awaiting-sign-off', 'Our response is nearly ready'],
        ['responded', 'We have sent you our response'],
      ];
      for (const [stage, words] of steps) {
        await owner.getRepository(Complaint).update({ reference }, { stage: stage as Complaint['stage'] });
        await page.reload();
        await expectAccessible(page, `progress-02-${stage}`);
        expect({ stage, shown: await page.locator('#stage').innerText() }).toEqual({ stage, shown: words });
      }
      expect(await page.locator('#letters li').allInnerTexts()).toEqual([
        expect.stringContaining('We have received your complaint (PDF)'),
      ]);
      const href = await page.locator('#letters a').getAttribute('href');
      const download = await page.request.get(`${site().url}${href}`);
      expect(download.headers()['content-type']).toBe('application/pdf');
      expect(Buffer.from(await download.body())).toEqual(pdf);

      // Errors first, then a message, then "not satisfied".
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Send message' }).click(),
      ]);
      await expectAccessible(page, 'progress-03-message-errors');
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'Select what you want to tell us',
      );
      await page.getByLabel('I have more information about my complaint').check();
      await page.getByLabel('Your message').fill('I have found the second cancellation letter.');
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Send message' }).click(),
      ]);
      await expectAccessible(page, 'progress-04-message-sent');
      expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain(
        'We have sent your message',
      );
      await page.getByLabel('I am not satisfied with your response').check();
      await page.getByLabel('Your message').fill('You did not explain why the clinic was cancelled.');
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Send message' }).click(),
      ]);

      const record = await staff('GET', `/complaints/${reference}`);
      const events = (
        record.body.timeline as { type: string; rule: string | null; data: Record<string, unknown> }[]
      )
        .filter((event) => event.type.startsWith('complainant-'))
        .map(({ type, rule, data }) => ({ type, rule, text: data.text }));
      expect(events).toEqual([
        {
          type: 'complainant-sent-information',
          rule: null,
          text: 'I have found the second cancellation letter.',
        },
        {
          type: 'complainant-not-satisfied',
          rule: 'R-REOPEN-1',
          text: 'You did not explain why the clinic was cancelled.',
        },
      ]);

      // Every opening through the link is in the access log, as the link.
      const logged: { action: string; outcome: string; basis: string }[] = await owner.query(
        `SELECT action, outcome, basis FROM access_log_entry WHERE staff_id = $1 AND complaint_reference = $2`,
        [`access-link:${link.id}`, reference],
      );
      expect(logged.filter((entry) => entry.action === 'view').length).toBeGreaterThanOrEqual(6);
      expect(logged.some((entry) => entry.action === 'download')).toBe(true);
      expect(logged.filter((entry) => entry.action === 'act')).toHaveLength(2);
      expect(new Set(logged.map((entry) => `${entry.outcome}/${entry.basis}`))).toEqual(
        new Set(['allowed/access-link']),
      );

      // Revoked: the page opens nothing from then on.
      expect(
        (await staff('POST', `/complaints/${reference}/progress-links/${link.id}/revocation`)).status,
      ).toBe(204);
      await page.reload();
      await expectAccessible(page, 'progress-05-revoked');
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');
      await page.goto(link.url);
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');
    } finally {
      await page.close();
      await owner.destroy();
    }
  });

  it('refuses an expired link and a made-up one, saying only that the link no longer works', async () => {
    const reference = await complaint();
    const owner = await openTestDataSource();
    const page = await site().context.newPage();
    try {
      const [{ id }] = (await owner.query(`SELECT id FROM complaint WHERE reference = $1`, [reference])) as {
        id: string;
      }[];
      const expired = await issueAccessLink(owner.manager, {
        purpose: 'complainant-progress',
        complaintId: id,
        singleUse: false,
        issuedBy: 'hpft-handler',
        expiresAt: new Date(Date.now() + 1_000),
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (const token of [expired.token, 'made-up-token-made-up-token-made-up']) {
        await page.goto(`${site().url}/hpft/progress?link=${token}`);
        expect(page.url()).toBe(`${site().url}/hpft/progress`);
        expect(await page.locator('h1').innerText()).toBe('This link no longer works');
      }
      await expectAccessible(page, 'progress-06-expired');
    } finally {
      await page.close();
      await owner.destroy();
    }
  });
});
