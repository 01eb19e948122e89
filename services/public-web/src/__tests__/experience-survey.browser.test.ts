// The experience survey in real headless Chromium (issue #18 point 4, ADR 0023): the invitation sent by the real
// activity (as the correspondence service's database role) to the real SMTP server, its link read from the inbox
// and followed; the secret gone from the address bar at once; one short page of optional questions in the
// complainant's or the staff member's words; a too-long comment shown with the error summary, the answers kept;
// the answers stored apart from the case; the spent link refused; a letter-only complainant's letter (its real
// print copy read back) and its reference and code entered on the survey's own form; axe-core on every page.
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createExperienceSurveyActivities } from '@complaints/activities/experience-survey';
import {
  createCorrespondenceActivities,
  createSmtpMailer,
  TemplateRenderer,
  type Mailer,
} from '@complaints/activities/correspondence';
import { londonDate } from '@complaints/domain';
import {
  MailInbox,
  openServiceDataSource,
  openTestDataSource,
  readPdf,
  runAsActivityOf,
  uniqueSuffix,
} from '@complaints/testing';
import { usePublicSite } from './browser-harness';

const site = usePublicSite();
const inbox = new MailInbox();
let owner: DataSource;
let correspondence: DataSource;
let mailer: Mailer;

beforeAll(async () => {
  owner = await openTestDataSource();
  correspondence = await openServiceDataSource('correspondence');
  mailer = createSmtpMailer(process.env.SMTP_URL!);
});
afterAll(async () => {
  mailer?.close();
  await Promise.all([owner, correspondence].map((source) => source?.destroy()));
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await site().audit(page, name) }).toEqual({ page: name, violations: [] });
}

/** A complaint taken in by staff, handled by the demo handler, then closed (as the workflow's projection does). */
async function closedComplaint(
  by: 'email' | 'letter' = 'email',
): Promise<{ reference: string; email: string }> {
  const suffix = uniqueSuffix();
  const email = `sam.${suffix}@example.org`;
  const contact =
    by === 'email'
      ? { email }
      : { address: { lines: [`${suffix} Station Road`, 'Watford'], postcode: 'WD17 1AA' } };
  const token = await site().staffToken('complaints-manager@hpft.demo');
  const response = await fetch(`${site().apiUrl}/complaints`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      organisation: 'HPFT',
      kind: 'complaint',
      channel: 'phone',
      receivedOn: londonDate(new Date()),
      complainant: { name: `Sam Survey-${suffix}`, ...contact, relationship: 'patient' },
      replyChannels: [by],
      issues: [{ description: 'Nobody called me back about my medication.' }],
    }),
  });
  expect(response.status).toBe(201);
  const { reference } = (await response.json()) as { reference: string };
  await owner.query(
    `UPDATE complaint SET stage = 'closed', closed_at = now(), handler_id = 'hpft-handler' WHERE reference = $1`,
    [reference],
  );
  const [{ id }] = await owner.query(`SELECT id FROM complaint WHERE reference = $1`, [reference]);
  await owner.query(
    `INSERT INTO case_team_member (complaint_id, staff_id, role, named_in, named_by)
     VALUES ($1, 'hpft-handler', 'handler', 'allocation:test', 'hpft-complaints-manager')`,
    [id],
  );
  return { reference, email };
}

/** What the workflow asks at closure, run as that complaint's workflow's activity. */
const invite = (reference: string) => {
  const settings = {
    dataSource: correspondence,
    mailer,
    publicWebUrl: site().url,
    messageIdDomain: 'complaints.test',
    defaultFrom: 'complaints@test',
  };
  const letters = createCorrespondenceActivities({ ...settings, renderer: new TemplateRenderer() });
  return runAsActivityOf(
    reference,
    createExperienceSurveyActivities({ ...settings, sendCorrespondence: letters.sendCorrespondence })
      .inviteToExperienceSurvey,
    { reference, step: 'experience-survey' },
  );
};

const surveyLinkIn = (text: string) => {
  const match = /(http:\/\/127\.0\.0\.1:\d+\/hpft\/survey\?link=[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error('no survey link in the email');
  return match[1];
};

const submit = (page: Page) =>
  Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send your answers' }).click()]);

const storedAnswers = (comment: string) =>
  owner.query(`SELECT respondent, answers, comment FROM experience_survey_answer WHERE comment = $1`, [
    comment,
  ]);

describe('the experience survey', () => {
  it('the complainant follows the emailed link, answers once, and the answers are kept apart from the case', async () => {
    const { reference, email } = await closedComplaint();
    expect(await invite(reference)).toEqual(
      expect.objectContaining({ refused: 0, complainantNotByEmail: false }),
    );
    const [mail] = await inbox.waitFor((m) => m.to.some((to) => to.address === email));
    const link = surveyLinkIn(mail.text);
    const page = await site().context.newPage();
    try {
      await page.goto(link);
      // The secret has left the address bar (and so the history and any referrer).
      expect(page.url()).toBe(`${site().url}/hpft/survey`);
      await expectAccessible(page, 'survey-01-complainant');
      expect(await page.locator('h1').innerText()).toBe('Tell us how it went');
      expect(await page.locator('legend').allInnerTexts()).toEqual([
        'Overall, how satisfied are you with how we handled your complaint?',
        'Did we keep you informed about what was happening with your complaint?',
        'Do you feel your complaint was handled fairly?',
        'How easy was it to make your complaint?',
      ]);
      await page.getByLabel('Satisfied', { exact: true }).check();
      await page.getByLabel('Yes, sometimes').check();
      await page.getByLabel('Neither easy nor difficult').check();
      const comment = `The letters were clear and kind ${uniqueSuffix()}`;
      await page.getByLabel('Is there anything else you want to tell us? (optional)').fill(comment);
      await submit(page);
      expect(page.url()).toBe(`${site().url}/hpft/survey/thanks`);
      await expectAccessible(page, 'survey-02-thanks');
      expect(await page.locator('h1').innerText()).toBe('Thank you for your answers');

      // Stored with nothing of the case: no reference, complaint, link or person.
      expect(await storedAnswers(comment)).toEqual([
        {
          respondent: 'complainant',
          answers: { overall: 'satisfied', keptInformed: 'yes-sometimes', easyToTakePart: 'neither' },
          comment,
        },
      ]);

      // The link works once: followed again (or replayed), it is refused.
      await page.goto(link);
      expect(page.url()).toBe(`${site().url}/hpft/survey`);
      expect(await page.locator('h1').innerText()).toBe('This survey link no longer works');
      await expectAccessible(page, 'survey-03-spent-link');
    } finally {
      await page.close();
    }
  });

  it('staff answer on the same pages in their own words; a comment over the limit is shown with the error summary, the answers kept', async () => {
    const { reference } = await closedComplaint();
    await invite(reference);
    const [mail] = await inbox.waitFor(
      (m) => m.to.some((to) => to.address === 'handler@hpft.demo') && m.messageId.includes(reference),
    );
    expect(mail.text).toContain('A complaint you were involved in has now closed');
    const page = await site().context.newPage();
    try {
      await page.goto(surveyLinkIn(mail.text));
      await expectAccessible(page, 'survey-04-staff');
      expect(await page.locator('legend').first().innerText()).toBe(
        'Overall, how satisfied are you with how this complaint was handled?',
      );
      await page.getByLabel('Partly').check();
      await page.getByLabel('Is there anything else you want to tell us? (optional)').fill('x'.repeat(2001));
      await submit(page);
      await expectAccessible(page, 'survey-05-comment-too-long');
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'Your comments must be 2,000 characters or fewer',
      );
      expect(await page.getByLabel('Partly').isChecked()).toBe(true);

      const comment = `More notice of the deadline would help ${uniqueSuffix()}`;
      await page.getByLabel('Is there anything else you want to tell us? (optional)').fill(comment);
      await submit(page);
      expect(page.url()).toBe(`${site().url}/hpft/survey/thanks`);
      expect(await storedAnswers(comment)).toEqual([
        { respondent: 'staff', answers: { handledFairly: 'partly' }, comment },
      ]);
    } finally {
      await page.close();
    }
  });

  it('a letter-only complainant enters the reference and code from the survey letter, answers once, and a wrong code is told only that they do not match', async () => {
    const { reference } = await closedComplaint('letter');
    expect(await invite(reference)).toEqual(
      expect.objectContaining({ complainantNotByEmail: true, byLetter: 1 }),
    );
    const [{ pdf }] = (await owner.query(
      `SELECT pdf FROM correspondence WHERE complaint_reference = $1 AND template = 'experience-survey'`,
      [reference],
    )) as { pdf: Buffer }[];
    // As laid out: the address may wrap after a slash.
    const printed = (await readPdf(pdf)).pages
      .map((page) => page.text)
      .join(' ')
      .replace(/\/\s+/g, '/');
    expect(printed).toContain(`${site().url}/hpft/survey`);
    // Laid out in a proportional font, the code may break after one of its hyphens.
    const [, ...parts] = /code:\s*([0-9A-Z]{4})-\s*([0-9A-Z]{4})-\s*([0-9A-Z]{4})/.exec(printed)!;
    const code = parts.join('-');
    const page = await site().context.newPage();
    const enter = async (typedCode: string) => {
      await page.getByLabel('Your reference').fill(reference.toLowerCase());
      await page.getByLabel('Your code').fill(typedCode);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
    };
    try {
      await page.goto(`${site().url}/hpft/survey`);
      expect(await page.locator('h1').innerText()).toBe('Tell us how we handled your complaint');
      await expectAccessible(page, 'survey-07-letter-code');
      await enter(code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'The reference and code do not match a survey we can show you',
      );
      await expectAccessible(page, 'survey-08-letter-code-wrong');
      await enter(code.replaceAll('-', ' '));
      expect(page.url()).toBe(`${site().url}/hpft/survey`);
      expect(await page.locator('h1').innerText()).toBe('Tell us how it went');
      await page.getByLabel('Satisfied', { exact: true }).check();
      const comment = `A letter was easier for me ${uniqueSuffix()}`;
      await page.getByLabel('Is there anything else you want to tell us? (optional)').fill(comment);
      await submit(page);
      expect(page.url()).toBe(`${site().url}/hpft/survey/thanks`);
      expect(await storedAnswers(comment)).toEqual([
        { respondent: 'complainant', answers: { overall: 'satisfied' }, comment },
      ]);

      // Spent: the same reference and code open nothing more.
      await page.goto(`${site().url}/hpft/survey`);
      await enter(code);
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'The reference and code do not match a survey we can show you',
      );
    } finally {
      await page.close();
    }
  });

  it('refuses a made-up link with the same page as a spent one', async () => {
    const page = await site().context.newPage();
    try {
      await page.goto(`${site().url}/hpft/survey?link=made-up-token-made-up-token-made-up`);
      expect(page.url()).toBe(`${site().url}/hpft/survey`);
      expect(await page.locator('h1').innerText()).toBe('This survey link no longer works');
      await expectAccessible(page, 'survey-06-unknown-link');
    } finally {
      await page.close();
    }
  });
});
