// What the public site does for the open internet (issue #18 point 5), against the running services:
// security headers and a content security policy, CSRF tokens, the honeypot, a size limit that says the
// limit, limits per address and per organisation, an error page with no stack, no personal data in URLs,
// and the API's public intake refusing anyone but the public web service.
import { usePublicSite } from './browser-harness';

const site = usePublicSite({
  PUBLIC_SUBMISSIONS_PER_HOUR: '2',
  PUBLIC_ORGANISATION_SUBMISSIONS_PER_HOUR: '3',
});

/** A session: its cookie and CSRF token, from the first page of an organisation's form. */
async function session(org: string): Promise<{ cookie: string; csrf: string }> {
  const start = await fetch(`${site().url}/${org}/complaint/start`, { redirect: 'manual' });
  const cookie = start.headers.get('set-cookie')!.split(';')[0];
  const page = await fetch(`${site().url}${start.headers.get('location')}`, { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  return { cookie, csrf };
}

const post = (path: string, cookie: string, form: Record<string, string>) =>
  fetch(`${site().url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

/** Answers a whole anonymous concern over HTTP and sends it; returns the send's response. */
async function sendConcern(org: string) {
  const { cookie, csrf } = await session(org);
  const answer = (page: string, form: Record<string, string>) =>
    post(`/${org}/complaint/${page}`, cookie, { _csrf: csrf, website: '', ...form });
  expect((await answer('what-you-want', { purpose: 'anonymous' })).status).toBe(303);
  expect((await answer('what-happened', { whatHappened: 'A door was left open.' })).status).toBe(303);
  expect((await answer('when', {})).status).toBe(303);
  return answer('check-answers', {});
}

describe('the public site on the open internet', () => {
  it('sends security headers, a nonce-based content security policy and no-store on every page', async () => {
    const response = await fetch(`${site().url}/hpft`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain("form-action 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // The NHS.UK frontend's own compiled styles, from its npm package.
    const css = await fetch(`${site().url}/assets/nhsuk-frontend.min.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toContain('.nhsuk-button');
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const { cookie } = await session('nct');
    const response = await post('/nct/complaint/what-you-want', cookie, {
      purpose: 'complaint',
      _csrf: 'forged',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Sorry, this page has timed out');
  });

  it('refuses a form whose honeypot is filled in', async () => {
    const { cookie, csrf } = await session('nct');
    const response = await post('/nct/complaint/what-you-want', cookie, {
      _csrf: csrf,
      website: 'http://spam.example',
      purpose: 'complaint',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sorry, we could not accept this form');
  });

  it('refuses a form over the size limit with a page that says the limit', async () => {
    const { cookie, csrf } = await session('nct');
    const response = await post('/nct/complaint/what-happened', cookie, {
      _csrf: csrf,
      whatHappened: 'x'.repeat(300_000),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('up to 200 KB');
  });

  it('answers an unknown page with the not-found page and never a stack trace', async () => {
    const response = await fetch(`${site().url}/nowhere/complaint/../../x%E0%A4%A`);
    const body = await response.text();
    expect([400, 404]).toContain(response.status);
    expect(body).not.toMatch(/at \w+ \(|node_modules|Error:/);
    expect(body).toContain('nhsuk-header');
  });

  it('keeps personal data out of URLs: every form posts to a fixed page address', async () => {
    const { cookie } = await session('hpft');
    const page = await (
      await fetch(`${site().url}/hpft/complaint/contact-details`, { headers: { cookie } })
    ).text();
    expect(page).toContain('method="post"');
    expect(page).not.toContain('method="get"');
  });

  it('limits forms sent per address and per organisation, with Retry-After', async () => {
    // Two concerns an hour from one address to CWTH; the third is refused.
    expect((await sendConcern('cwth')).status).toBe(303);
    expect((await sendConcern('cwth')).status).toBe(303);
    const refused = await sendConcern('cwth');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('You have sent too many requests');
  });

  it('the API takes public submissions only when signed by the public web service', async () => {
    const body = JSON.stringify({
      organisation: 'HPFT',
      kind: 'complaint',
      anonymous: true,
      issues: [{ description: 'x' }],
    });
    const unsigned = await fetch(`${site().apiUrl}/public-intake/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'unsigned-1' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const staff = await fetch(`${site().apiUrl}/public-intake/complaints`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'unsigned-2',
        Authorization: `Bearer ${await site().staffToken('handler@hpft.demo')}`,
      },
      body,
    });
    expect(staff.status).toBe(401);
  });
});
