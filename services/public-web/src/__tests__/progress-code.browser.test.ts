// The progress page reached from a letter (issue #18 Deliver 3, ADR 0028) in real headless Chromium: the person
// enters the reference and the code printed on their acknowledgement letter (issued as the correspondence service
// issues it, `issueAccessCode` by `acknowledgement`); errors with the error summary; a wrong code told only that
// they do not match; the code typed loosely still opens the page, never in the address bar; the view in the access
// log; revoked, it opens nothing; and the attempts are rate-limited. axe-core on every page.
import type { Page } from 'playwright-core';
import { issueAccessCode } from '@complaints/db';
import { londonDate } from '@complaints/domain';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { usePublicSite } from './browser-harness';

const ATTEMPTS_PER_HOUR = 4;
const site = usePublicSite({ PUBLIC_CODE_ATTEMPTS_PER_HOUR: String(ATTEMPTS_PER_HOUR) });

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
  const body = (response.status === 204 ? {} : await response.json()) as unknown;
  return { status: response.status, body };
}

async function send(page: Page, reference: string, code: string) {
  await page.getByLabel('Your reference').fill(reference);
  await page.getByLabel('Your code').fill(code);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: 'Continue' }).click(),
  ]);
  return response!;
}

it('opens the progress page from the reference and code on the letter, and refuses a wrong, revoked or guessed one', async () => {
  const suffix = uniqueSuffix();
  const created = await staff('POST', '/complaints', {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'letter',
    receivedOn: londonDate(new Date()),
    complainant: {
      name: `Lee Letter-${suffix}`,
      address: { lines: [`${suffix} Station Road`, 'Watford'], postcode: 'WD17 1AA' },
      relationship: 'patient',
    },
    replyChannels: ['letter'],
    issues: [{ description: 'Nobody returned my calls about the referral.' }],
  });
  expect(created.status).toBe(201);
  const reference = (created.body as { reference: string }).reference;
  const owner = await openTestDataSource();
  const page = await site().context.newPage();
  try {
    const [{ id }] = (await owner.query(`SELECT id FROM complaint WHERE reference = $1`, [reference])) as {
      id: string;
    }[];
    const { code, id: linkId } = await issueAccessCode(owner.manager, {
      purpose: 'complainant-progress',
      complaintId: id,
      reference,
      singleUse: false,
      issuedBy: 'acknowledgement',
      expiresAt: new Date(Date.now() + 365 * 86_400_000),
    });

    // The address printed on the letter shows the form.
    await page.goto(`${site().url}/hpft/progress`);
    expect(await page.locator('h1').innerText()).toBe("See your complaint's progress");
    await expectAccessible(page, 'progress-code-01-form');

    // Nothing entered: both errors, in the error summary, each linked to its field.
    const [empty] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Continue' }).click(),
    ]);
    expect(empty!.status()).toBe(400);
    await expectAccessible(page, 'progress-code-02-errors');
    expect(await page.locator('.nhsuk-error-summary a').allInnerTexts()).toEqual([
      'Enter your reference, as it is on your letter',
      'Enter the code from your letter',
    ]);
    expect(await page.locator('.nhsuk-error-summary a').first().getAttribute('href')).toBe('#reference');

    // A wrong code: one answer, the reference kept for the correction.
    const wrong = await send(page, reference, 'ZZZZ-ZZZZ-ZZZZ');
    expect(wrong.status()).toBe(400);
    await expectAccessible(page, 'progress-code-03-no-match');
    expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
      'The reference and code do not match',
    );
    expect(await page.getByLabel('Your reference').inputValue()).toBe(reference);

    // Typed as a person might copy it off paper: small letters, spaces, O for 0.
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    await send(page, reference.toLowerCase(), typed);
    expect(page.url()).toBe(`${site().url}/hpft/progress`);
    await expectAccessible(page, 'progress-code-04-page');
    expect(await page.locator('#stage').innerText()).toBe('We have received your complaint');
    expect(await page.locator('.nhsuk-caption-l').innerText()).toBe(`Reference ${reference}`);
    await page.reload();
    expect(await page.locator('#stage').innerText()).toBe('We have received your complaint');

    const logged = (await owner.query(
      `SELECT action FROM access_log_entry WHERE staff_id = $1 AND complaint_reference = $2`,
      [`access-link:${linkId}`, reference],
    )) as { action: string }[];
    expect(logged.filter((entry) => entry.action === 'view').length).toBeGreaterThanOrEqual(2);

    // Staff see the code's link beside any other and revoke it: the page opens nothing from then on.
    const links = await staff('GET', `/complaints/${reference}/progress-links`);
    expect(links.body).toEqual([
      expect.objectContaining({ id: linkId, issuedBy: 'acknowledgement', live: true }),
    ]);
    expect((await staff('POST', `/complaints/${reference}/progress-links/${linkId}/revocation`)).status).toBe(
      204,
    );
    await page.reload();
    expect(await page.locator('h1').innerText()).toBe('This link no longer works');
    await page.getByRole('link', { name: 'enter your reference and code' }).click();
    expect(page.url()).toBe(`${site().url}/hpft/progress/code`);
    const revoked = await send(page, reference, code);
    expect(revoked.status()).toBe(400);

    // Three tries so far from this address: the fourth is the last this hour allows, the fifth gets the limit page.
    expect((await send(page, reference, 'AAAA-AAAA-AAAA')).status()).toBe(400);
    const limited = await send(page, reference, 'BBBB-BBBB-BBBB');
    expect(limited.status()).toBe(429);
    expect(limited.headers()['retry-after']).toMatch(/^\d+$/);
    await expectAccessible(page, 'progress-code-05-too-many');
  } finally {
    await page.close();
    await owner.destroy();
  }
});
