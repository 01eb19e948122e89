// The public complaint form in real headless Chromium (issue #18): the whole form on each organisation's
// site (one per policy profile), for oneself and on behalf of someone, errors and corrections with the
// error summary, check-your-answers changes, the confirmation's reference and acknowledgement date, the
// complaint as staff then see it (channel web-form), feedback and anonymous concerns (R-INT-3/4), a double
// submit making one complaint, and axe-core on every page.
import type { Page } from 'playwright-core';
import {
  acknowledgementDue,
  createWorkingDayCalendar,
  getProfile,
  londonDate,
  type ProfileId,
} from '@complaints/domain';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { longDate } from '../form/dates';
import { usePublicSite } from './browser-harness';

const site = usePublicSite();

interface Person {
  org: 'nct' | 'hpft' | 'itrust' | 'cwth';
  profile: ProfileId;
  subject: 'myself' | 'someone-else' | 'child' | 'lacks-capacity';
  name: string;
  email: string;
}

async function open(page: Page, path: string, name: string): Promise<void> {
  await page.goto(`${site().url}${path}`);
  await expectAccessible(page, name);
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await site().audit(page, name) }).toEqual({ page: name, violations: [] });
}

/** Presses the page's main button and waits for the next page, which is then checked. */
async function submit(page: Page, name: string, button = 'Continue'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
  await expectAccessible(page, name);
}

const heading = (page: Page) => page.locator('h1').first().innerText();

async function staffView(reference: string, org: string) {
  const token = await site().staffToken(`complaints-manager@${org}.demo`);
  const response = await fetch(`${site().apiUrl}/complaints/${reference}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & {
    channel: string;
    receivedOn: string;
    people: {
      role: string;
      name: string;
      email: string | null;
      consentStatus: string | null;
      consentNotNeededReason: string | null;
    }[];
    issues: { description: string }[];
    deadlines: { acknowledgement?: string };
    replyChannels: string[];
    accessibilityNeeds: string[];
  };
}

/** The whole complaint form, answered in order, up to check your answers. */
async function answerComplaint(page: Page, person: Person, prefix: string): Promise<void> {
  await open(page, `/${person.org}`, `${prefix}-01-start`);
  expect(await heading(page)).toBe('Make a complaint or give feedback');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start now' }).click()]);
  await expectAccessible(page, `${prefix}-02-what-you-want`);
  await page.getByLabel('Make a complaint and get a response').check();
  await submit(page, `${prefix}-03-who`);
  await page.locator(`input[name=subject][value=${person.subject}]`).check();
  let step = 4;
  const next = (name: string) => `${prefix}-${String(step++).padStart(2, '0')}-${name}`;
  if (person.subject !== 'myself') {
    await submit(page, next('their-details'));
    await page.getByLabel('Full name').fill(`Sam ${person.name}`);
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('7');
    await page.getByLabel('Year').fill(person.subject === 'child' ? '2015' : '1941');
    if (person.subject === 'someone-else') {
      await submit(page, next('consent'));
      expect(await heading(page)).toBe(`Has Sam ${person.name} agreed to you complaining for them?`);
      await page.getByLabel('Yes, they have agreed').check();
    }
  }
  await submit(page, next('your-name'));
  await page.getByLabel('Full name').fill(person.name);
  await submit(page, next('about-you'));
  await page.locator('input[name=relationship][value=relative]').check();
  await submit(page, next('contact-details'));
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Address line 1').fill('12 Hill Road');
  await page.getByLabel('Town or city').fill('Hatfield');
  await page.getByLabel('Postcode').fill('al10 8ye');
  await submit(page, next('replies'));
  await page.getByLabel('By email').check();
  await submit(page, next('support'));
  await page.getByLabel('Large print').check();
  await page.getByLabel('Anything else we should know or change (optional)').fill('Please phone before 11am');
  await submit(page, next('what-happened'));
  await page
    .getByLabel('In your own words')
    .fill(`I waited six hours and nobody told me why (${person.name}).`);
  await submit(page, next('when'));
  await page.locator('#incidentOn-day').fill('2');
  await page.locator('#incidentOn-month').fill('11');
  await page.locator('#incidentOn-year').fill(lastYear());
  // The 12-month rule is explained, not enforced.
  expect(await page.locator('.nhsuk-inset-text').innerText()).toContain('within 12 months');
  await submit(page, next('outcome'));
  await page.getByLabel('The outcome you hope for (optional)').fill('An apology and an explanation');
  await submit(page, next('equality'));
  expect(await heading(page)).toBe('Equality questions (optional)');
  if (person.subject === 'myself') await page.getByLabel('White', { exact: true }).check();
  await submit(page, next('check-answers'));
  expect(await heading(page)).toBe('Check your answers before sending');
}

async function sendAndConfirm(page: Page, person: Person, prefix: string) {
  await submit(page, `${prefix}-99-confirmation`, 'Send');
  expect(await heading(page)).toContain('Your complaint has been sent');
  const reference = await page.locator('#reference').innerText();
  expect(reference).toMatch(new RegExp(`^${person.org.toUpperCase()}-\\d{4}-\\d{6}$`));
  return reference;
}

const today = () => londonDate(new Date());
const lastYear = () => String(Number(today().slice(0, 4)) - 1);

describe('the complaint form in a real browser', () => {
  const people: Person[] = [
    { org: 'nct', profile: 'phso-model', subject: 'myself', name: '', email: '' },
    { org: 'hpft', profile: 'hpft', subject: 'someone-else', name: '', email: '' },
    { org: 'itrust', profile: 'itrust', subject: 'child', name: '', email: '' },
    { org: 'cwth', profile: 'cwth', subject: 'lacks-capacity', name: '', email: '' },
  ].map((person) => {
    const suffix = uniqueSuffix();
    return { ...person, name: `Alex Web-${suffix}`, email: `alex.${suffix}@example.org` } as Person;
  });

  it.each(people)(
    'takes a complaint to $org ($profile profile, about $subject) through to its reference, and staff see it as web-form',
    async (person) => {
      const page = await site().context.newPage();
      try {
        await answerComplaint(page, person, `${person.org}-${person.subject}`);
        const reference = await sendAndConfirm(page, person, `${person.org}-${person.subject}`);

        // R-ACK-1: the date on the confirmation is the profile's, on the organisation's working days.
        const profile = getProfile(person.profile);
        const due = acknowledgementDue(
          profile,
          today(),
          createWorkingDayCalendar({ nation: 'england-and-wales' }),
        );
        expect(await page.locator('#acknowledgement-due').innerText()).toBe(longDate(due));

        const complaint = await staffView(reference, person.org);
        expect(complaint).toMatchObject({
          channel: 'web-form',
          receivedOn: today(),
          kind: 'complaint',
          replyChannels: ['email'],
          accessibilityNeeds: ['large-print'],
          adjustmentsNote: 'Please phone before 11am',
          outcomeSought: 'An apology and an explanation',
          deadlines: { acknowledgement: due },
        });
        expect(complaint.issues.map((issue) => issue.description)).toEqual([
          `I waited six hours and nobody told me why (${person.name}).`,
        ]);
        // R-MON-1: the equality answers are stored apart from the case, and not shown with it.
        expect(JSON.stringify(complaint)).not.toContain('ethnicGroup');
        const owner = await openTestDataSource();
        try {
          const stored: { answers: Record<string, string> }[] = await owner.query(
            `SELECT answers FROM equality_monitoring WHERE complaint_reference = $1`,
            [reference],
          );
          expect(stored).toEqual(person.subject === 'myself' ? [{ answers: { ethnicGroup: 'white' } }] : []);
          const [{ incident_on: incidentOn }] = await owner.query(
            `SELECT incident_on::text FROM complaint WHERE reference = $1`,
            [reference],
          );
          expect(incidentOn).toBe(`${lastYear()}-11-02`);
        } finally {
          await owner.destroy();
        }
        const complainant = complaint.people.find((party) => party.role === 'complainant')!;
        expect(complainant).toMatchObject({
          name: person.name,
          email: person.email,
          relationship: 'relative',
        });
        const affected = complaint.people.find((party) => party.role === 'person-affected');
        if (person.subject === 'myself') expect(affected).toBeUndefined();
        else
          expect(affected).toMatchObject({
            name: `Sam ${person.name}`,
            dateOfBirth: person.subject === 'child' ? '2015-07-03' : '1941-07-03',
            consentStatus: person.subject === 'someone-else' ? 'given' : 'not-needed',
            consentNotNeededReason: person.subject === 'someone-else' ? null : person.subject,
          });
      } finally {
        await page.close();
      }
    },
  );

  it('shows errors with the error summary, keeps what was typed, and takes the corrections', async () => {
    const page = await site().context.newPage();
    try {
      await open(page, '/nct/complaint/start', 'errors-01-what-you-want');
      await submit(page, 'errors-02-nothing-selected');
      expect(await page.title()).toMatch(/^Error: /);
      const summary = page.locator('.nhsuk-error-summary');
      expect(await summary.innerText()).toContain('Select what you would like to do');
      // The summary's link takes the person to the field.
      expect(await summary.locator('a').getAttribute('href')).toBe('#purpose-1');
      await page.getByLabel('Make a complaint and get a response').check();
      await submit(page, 'errors-03-who');
      await page.getByLabel('Me', { exact: true }).check();
      await submit(page, 'errors-04-your-name');
      await page.getByLabel('Full name').fill('Robin Errors');
      await submit(page, 'errors-05-about-you');
      await page.locator('input[name=relationship][value=patient]').check();
      await submit(page, 'errors-06-contact-details');
      await page.getByLabel('Email address').fill('not an email');
      await page.getByLabel('Address line 1').fill('1 Low Street');
      await page.getByLabel('Postcode').fill('nowhere');
      await submit(page, 'errors-07-contact-errors');
      const messages = await summary.locator('li').allInnerTexts();
      expect(messages).toEqual([
        'Enter an email address in the correct format, like name@example.com',
        'Enter your town or city',
        'Enter a full UK postcode, like LS1 4AP',
      ]);
      // What was typed is still there, and each field shows its own message.
      expect(await page.getByLabel('Address line 1').inputValue()).toBe('1 Low Street');
      expect(await page.locator('#email-error').innerText()).toContain('correct format');
      await page.getByLabel('Email address').fill('robin.errors@example.org');
      await page.getByLabel('Town or city').fill('Leeds');
      await page.getByLabel('Postcode').fill('LS1 4AP');
      await submit(page, 'errors-08-replies');
      await page.getByLabel('By email').check();
      await submit(page, 'errors-09-support');
      await submit(page, 'errors-10-what-happened');
      await page.getByLabel('In your own words').fill('x'.repeat(20_001));
      await submit(page, 'errors-11-too-long');
      expect(await summary.innerText()).toContain('What happened must be 20,000 characters or fewer');
      await page.getByLabel('In your own words').fill('The receptionist was rude to me.');
      await submit(page, 'errors-12-when');
      await page.locator('#incidentOn-day').fill('31');
      await page.locator('#incidentOn-month').fill('2');
      await page.locator('#incidentOn-year').fill('2026');
      await submit(page, 'errors-13-not-a-date');
      expect(await summary.innerText()).toContain('When it happened must be a real date');
      await page.locator('#incidentOn-day').fill('1');
      await page.locator('#incidentOn-year').fill(String(Number(today().slice(0, 4)) + 1));
      await submit(page, 'errors-14-future');
      expect(await summary.innerText()).toContain('When it happened must be today or in the past');
      await page.locator('#incidentOn-year').fill('2024');
      await submit(page, 'errors-15-outcome');
      await submit(page, 'errors-16-equality');
      await submit(page, 'errors-16-check-answers');

      // Back goes to the previous question with its answer kept.
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: 'Back', exact: true }).click(),
      ]);
      expect(await heading(page)).toBe('Equality questions (optional)');
      await page.goto(`${site().url}/nct/complaint/what-happened`);
      expect(await page.getByLabel('In your own words').inputValue()).toBe(
        'The receptionist was rude to me.',
      );

      // A change from check your answers comes back to it, with every other answer kept.
      await page.goto(`${site().url}/nct/complaint/check-answers`);
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: 'Change your name' }).click(),
      ]);
      await expectAccessible(page, 'errors-17-change-name');
      expect(await page.getByLabel('Full name').inputValue()).toBe('Robin Errors');
      await page.getByLabel('Full name').fill('Robin Corrected');
      await submit(page, 'errors-18-check-answers-changed');
      const summaryText = await page.locator('.nhsuk-summary-list').innerText();
      expect(summaryText).toContain('Robin Corrected');
      expect(summaryText).toContain('robin.errors@example.org');
      expect(summaryText).toContain('The receptionist was rude to me.');
      expect(summaryText).toContain('1 February 2024');
    } finally {
      await page.close();
    }
  });

  it('offers feedback without a response (R-INT-3) and an anonymous concern (R-INT-4)', async () => {
    const page = await site().context.newPage();
    try {
      const feedbackName = `Jo Feedback-${uniqueSuffix()}`;
      await open(page, '/hpft/complaint/start', 'feedback-01-what-you-want');
      await page.getByLabel('Give feedback (you will not get a response)').check();
      await submit(page, 'feedback-02-who');
      await page.getByLabel('Me', { exact: true }).check();
      await submit(page, 'feedback-03-your-name');
      await page.getByLabel('Full name').fill(feedbackName);
      await submit(page, 'feedback-04-about-you');
      await page.locator('input[name=relationship][value=patient]').check();
      await submit(page, 'feedback-05-contact-details');
      // No contact details needed for feedback; no reply page follows.
      await submit(page, 'feedback-06-support');
      await submit(page, 'feedback-07-what-happened');
      expect(await heading(page)).toBe('What is your feedback?');
      await page.getByLabel('In your own words').fill('The new waiting room is much calmer.');
      await submit(page, 'feedback-08-when');
      await submit(page, 'feedback-09-equality');
      await submit(page, 'feedback-09-check-answers');
      await submit(page, 'feedback-10-confirmation', 'Send');
      expect(await heading(page)).toContain('Your feedback has been sent');
      const feedback = await staffView(await page.locator('#reference').innerText(), 'hpft');
      expect(feedback).toMatchObject({ kind: 'feedback', channel: 'web-form', stage: 'feedback-recorded' });

      await open(page, '/itrust/complaint/start', 'anonymous-01-what-you-want');
      await page.getByLabel('Raise a concern without giving your name').check();
      await submit(page, 'anonymous-02-what-happened');
      await page.getByLabel('In your own words').fill('Staff were discussing patients loudly in the lift.');
      await submit(page, 'anonymous-03-when');
      await submit(page, 'anonymous-04-check-answers');
      expect(await page.locator('.nhsuk-summary-list').innerText()).not.toContain('Your name');
      await submit(page, 'anonymous-05-confirmation', 'Send');
      expect(await heading(page)).toContain('Your concern has been sent');
      const concern = await staffView(await page.locator('#reference').innerText(), 'itrust');
      expect(concern).toMatchObject({
        anonymous: true,
        channel: 'web-form',
        stage: 'reviewing-for-learning',
        people: [],
      });
    } finally {
      await page.close();
    }
  });

  it('makes one complaint of a double submit, and of a retry after the confirmation', async () => {
    const page = await site().context.newPage();
    const person: Person = {
      org: 'hpft',
      profile: 'hpft',
      subject: 'myself',
      name: `Alex Twice-${uniqueSuffix()}`,
      email: `twice.${uniqueSuffix()}@example.org`,
    };
    try {
      await answerComplaint(page, person, 'double');
      const csrf = await page.locator('input[name=_csrf]').last().inputValue();
      const url = `${site().url}/hpft/complaint/check-answers`;
      // Two presses of Send at once, from the same browser session (its cookie).
      const [first, second] = await Promise.all(
        [1, 2].map(() => page.request.post(url, { form: { _csrf: csrf, website: '' }, maxRedirects: 0 })),
      );
      expect([first.status(), second.status()]).toEqual([303, 303]);
      await page.goto(`${site().url}/hpft/complaint/confirmation`);
      const reference = await page.locator('#reference').innerText();
      // And once more after the confirmation (a refresh that resubmits).
      const again = await page.request.post(url, { form: { _csrf: csrf, website: '' }, maxRedirects: 0 });
      expect(again.headers().location).toBe('/hpft/complaint/confirmation');

      const owner = await openTestDataSource();
      try {
        const rows: { reference: string }[] = await owner.query(
          `SELECT c.reference FROM complaint c JOIN complaint_party p ON p.complaint_id = c.id WHERE p.name = $1`,
          [person.name],
        );
        expect(rows).toEqual([{ reference }]);
      } finally {
        await owner.destroy();
      }
    } finally {
      await page.close();
    }
  });

  it('can be used with the keyboard alone', async () => {
    const page = await site().context.newPage();
    try {
      await open(page, '/cwth/complaint/start', 'keyboard-01-what-you-want');
      // Skip link first, then the header's links, then the back link, then the first option.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        'Skip to main content',
      );
      for (let presses = 0; presses < 10; presses += 1) {
        if (
          await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'purpose')
        )
          break;
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name=purpose]:checked').getAttribute('value')).toBe('feedback');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await heading(page)).toBe('Who is this about?');
    } finally {
      await page.close();
    }
  });

  it('passes the accessibility checks on the site list, each start page and the accessibility statement', async () => {
    const page = await site().context.newPage();
    try {
      await open(page, '/', 'site-list');
      // Other tests add organisations of their own to the shared test database; the four demo ones are there.
      expect(await page.locator('main a').allInnerTexts()).toEqual(
        expect.arrayContaining([
          'Northfield Community NHS Trust',
          'Hertfordshire Partnership University NHS Foundation Trust',
          'iTrust Centres',
          'Coventry and Warwickshire Training Hub',
        ]),
      );
      await open(page, '/accessibility-statement', 'accessibility-statement');
      expect(await heading(page)).toContain('Accessibility statement');
      await open(page, '/nowhere', 'not-found');
      expect(await heading(page)).toBe('Page not found');
    } finally {
      await page.close();
    }
    // Every page of every test above was checked.
    expect(site().audited.size).toBeGreaterThan(60);
  });
});
