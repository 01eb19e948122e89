// The README's joint walkthrough, run for real (issue #13): a complaint about HPFT, the county council's adult
// care (HCCACS) and a community trust (HCT) under the Hertfordshire Joint Protocol, from intake to one signed
// joint response, on a whole system of its own (the four services as `npm start` runs them, their own
// Postgres, Temporal dev server and SMTP server). HPFT leads through the complaints API; the council works
// through the joint-protocol service with its partner sign-in, and HCT, not on the system, through the
// single-use link in its email. The lifecycle and the jointResponse workflow run on
// their own workers, as in production. Writes what it saw (statuses, views, letters) as JSON to its first
// argument for joint-walkthrough.test.js to judge; stops at the first answer it did not expect.
//
// Usage: node joint-walkthrough.mjs <result.json>
import fs from 'node:fs';
import path from 'node:path';
import { Supervisor } from '../../lib/supervisor.mjs';
import { ensureTemporalCli } from '../../lib/tools.mjs';
import { staffToken, startWholeSystem, wholeSystemMode } from '../../lib/whole-system.mjs';

const [resultFile] = process.argv.slice(2);
const mode = wholeSystemMode('joint-walkthrough', 24_000);
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
const API = `http://127.0.0.1:${mode.ports['complaints-api']}`;
const PARTNERS = `http://127.0.0.1:${mode.ports['joint-protocol']}`;
const started = Date.now();
const say = (message) =>
  process.stdout.write(`[joint ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const londonDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

const seen = {};

try {
  const temporalCli = await ensureTemporalCli();
  say('starting the whole system on fresh data');
  const env = await startWholeSystem(supervisor, mode, temporalCli, { OUTBOX_RELAY_INTERVAL_MS: '250' });
  const inbox = mailbox(env.MAIL_INBOX_URL);
  const staff = (id) => ({ authorization: `Bearer ${staffToken(env, id)}` });
  const partner = (id) => ({ authorization: `Bearer ${staffToken(env, id, 'complaints-partners')}` });
  const handler = staff('hpft-handler');
  const manager = staff('hpft-complaints-manager');
  const chief = staff('hpft-responsible-person');
  const council = partner('partner-hccacs-complaints-manager');

  // 1. Intake, with each organisation's part in its own issue.
  const suffix = Math.random().toString(36).slice(2, 8);
  const complainantEmail = `jordan.${suffix}@example.org`;
  const created = await call('POST', `${API}/complaints`, handler, 201, {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn: londonDay(),
    complainant: {
      name: `Jordan Ellis-${suffix}`,
      email: complainantEmail,
      relationship: 'relative',
      address: { lines: ['4 Beech Walk', 'Welwyn'], postcode: 'AL6 0AA' },
    },
    replyChannels: ['email'],
    issues: [
      { description: 'The crisis team did not visit my father after his discharge.' },
      { description: 'The council stopped his home care visits without telling us.' },
      { description: 'The district nurses did not come to dress his leg.' },
    ],
    outcomeSought: 'To know why nobody joined up his care, and for it not to happen again',
  });
  const reference = created.reference;
  const detail = await until(
    () => call('GET', `${API}/complaints/${reference}`, handler, 200),
    (d) => d.issues?.length === 3,
    'the complaint recorded',
  );
  const [crisisTeam, homeCare, districtNurses] = detail.issues.map((issue) => issue.id);
  say(`complaint ${reference} recorded`);

  // 2. R-JOINT-1: joint, led by HPFT (the most serious part); the council and HCT are partners.
  seen.jointCase = await call('POST', `${API}/complaints/${reference}/joint-case`, handler, 201, {
    protocol: 'hertfordshire',
    receivedBy: 'HPFT',
    complex: true,
    members: [
      { code: 'HPFT', issueIds: [crisisTeam], seriousness: 3, receivedOn: londonDay(), ongoingContact: true },
      { code: 'HCCACS', issueIds: [homeCare], seriousness: 2 },
      { code: 'HCT', issueIds: [districtNurses], seriousness: 2 },
    ],
  });
  const { jointCaseId } = await until(
    () => call('GET', `${PARTNERS}/joint-cases`, council, 200),
    (rows) => rows.length === 1,
    "the joint case in the council's worklist",
  ).then(([row]) => row);
  // R-JOINT-2: until consent, a partner sees only that a joint case exists.
  seen.councilBeforeConsent = await call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, council, 200);
  for (const code of ['HCCACS', 'HCT'])
    await call('PUT', `${API}/complaints/${reference}/joint-case/partners/${code}/consent`, handler, 200, {
      consent: 'given',
    });

  // 3. The lead acknowledges: the letter names the protocol and the organisations.
  await call('POST', `${API}/complaints/${reference}/acknowledgement`, handler, 200, { method: 'written' });
  seen.acknowledgement = await inbox.one(
    (m) => m.subject === `Your complaint ${reference}: acknowledgement`,
    'the acknowledgement',
  );

  // R-JOINT-3: each partner's complaints manager is told; HCT, off the system, gets a single-use link.
  seen.councilOpened = await inbox.one(
    (m) => m.to[0].address === 'complaints-manager@hccacs.demo' && /joint case opened/.test(m.subject),
    "the council's notice",
  );
  seen.hctOpened = await inbox.one(
    (m) => m.to[0].address === 'complaints-manager@hct.demo' && /joint case opened/.test(m.subject),
    "HCT's notice",
  );
  const linkToken = linkTokenIn(seen.hctOpened.text);

  // R-JOINT-3, R-JOINT-4: the timescale agreed with the person, each partner's deadline within it.
  await call('POST', `${API}/complaints/${reference}/joint-response/timescale`, manager, 200, {
    responseDueOn: londonDay(40),
    contributionDue: { HCCACS: londonDay(20), HCT: londonDay(25) },
  });
  await call('POST', `${API}/complaints/${reference}/joint-response/coordination`, manager, 201, {
    heldOn: londonDay(),
    kind: 'call',
    attended: ['HPFT', 'HCCACS', 'HCT'],
    notes: 'Each organisation answers its own part; HPFT collates and writes one response.',
  });

  // 4. The council's part, as its complaints manager signed in to the joint-protocol service.
  seen.councilView = await call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, council, 200);
  await call('POST', `${PARTNERS}/joint-cases/${jointCaseId}/contributions`, council, 201, {
    body: 'The home care visits were stopped in error when the discharge was logged as a move to a care home.',
  });

  // HCT's part, through its link: redeemed once for a session on that one case.
  const { session } = await call('POST', `${PARTNERS}/partner-links/redeem`, {}, 201, { token: linkToken });
  const hct = { authorization: `Link ${session}` };
  seen.linkReused = await call('POST', `${PARTNERS}/partner-links/redeem`, {}, 410, { token: linkToken });
  seen.hctView = await call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, hct, 200);
  await call('POST', `${PARTNERS}/joint-cases/${jointCaseId}/contributions`, hct, 201, {
    body: 'The dressing visits were missed because the referral from the ward was not received.',
  });

  // The lead reads both contributions.
  seen.leadJointView = await until(
    () => call('GET', `${API}/complaints/${reference}/joint-response`, manager, 200),
    (view) => view.contributions?.length === 2,
    'both contributions with the lead',
  );

  // 5. The lead's draft, each part attributed; submitted, it goes to the partners for approval.
  const stage = await until(
    () => call('GET', `${API}/complaints/${reference}`, handler, 200),
    (d) => ['early-resolution', 'closer-look'].includes(d.stage),
    'the complaint under way',
  ).then((d) => d.stage);
  if (stage === 'early-resolution')
    await call('POST', `${API}/complaints/${reference}/closer-look`, handler, 200, {});
  const draft = (impact) => ({
    sections: {
      'issues-and-outcome-sought':
        'You asked why his care was not joined up after discharge, and for it not to happen again.',
      'how-investigated': 'Each organisation read its records and spoke to its staff.',
      'evidence-considered': 'The crisis team log, the council care plan and the district nursing referral.',
      'what-went-wrong': 'None of the three organisations told the others that the discharge had happened.',
      impact,
      apology: 'We are all sorry for the gap in his care.',
      'wider-learning': 'Discharges are now shared with the council and the community trust on the day.',
      'staying-involved': 'We will write when the new sharing is in place.',
    },
    sectionContributors: [{ section: 'how-investigated', organisations: ['HPFT', 'HCCACS', 'HCT'] }],
    findings: [
      {
        issueId: crisisTeam,
        outcome: 'upheld',
        finding: 'The crisis team visit was not booked.',
        contributedBy: ['HPFT'],
      },
      {
        issueId: homeCare,
        outcome: 'upheld',
        finding: 'The care visits were stopped in error.',
        contributedBy: ['HCCACS'],
      },
      {
        issueId: districtNurses,
        outcome: 'partially-upheld',
        finding: 'The referral was not received, so the visits were not booked.',
        contributedBy: ['HCT'],
      },
    ],
    remedies: [{ kind: 'apology', detail: 'This letter.' }],
    actions: [],
    careContext: 'nhs-care',
    coverLetter: 'I have read this joint response personally.',
  });
  const first = await call(
    'POST',
    `${API}/complaints/${reference}/final-response/drafts`,
    handler,
    201,
    draft('Your father was without support for nine days.'),
  );
  await call('POST', `${API}/complaints/${reference}/final-response/outcome-sharing`, handler, 200, {
    commentsRecorded: true,
  });
  await call('POST', `${API}/complaints/${reference}/final-response/submission`, handler, 200, {
    version: first.version,
  });
  seen.councilDraftView = await until(
    () => call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, council, 200),
    (view) => view.draft?.version === first.version,
    'the first draft out for approval',
  );
  seen.councilDraftNotice = await inbox.one(
    (m) => m.to[0].address === 'complaints-manager@hccacs.demo' && /draft for approval/.test(m.subject),
    "the council's draft-for-approval notice",
  );
  // R-JOINT-5: the council asks for changes; the lead's manager returns the draft, and a new version goes out.
  await call('POST', `${PARTNERS}/joint-cases/${jointCaseId}/draft-decisions`, council, 201, {
    version: first.version,
    decision: 'changes-requested',
    comments: 'Please say the visits stopped for twelve days, not nine.',
  });
  await call('POST', `${API}/complaints/${reference}/final-response/approval`, manager, 200, {
    step: 'complaints-team-check',
    version: first.version,
  });
  seen.signedTooEarly = await call(
    'POST',
    `${API}/complaints/${reference}/final-response/approval`,
    chief,
    409,
    { step: 'chief-executive-approval', version: first.version },
  );
  await call('POST', `${API}/complaints/${reference}/final-response/return`, chief, 200, {
    step: 'chief-executive-approval',
    version: first.version,
  });
  const second = await call(
    'POST',
    `${API}/complaints/${reference}/final-response/drafts`,
    handler,
    201,
    draft('Your father was without home care for twelve days and without his dressings for nine.'),
  );
  await call('POST', `${API}/complaints/${reference}/final-response/submission`, handler, 200, {
    version: second.version,
  });
  await until(
    () => call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, council, 200),
    (view) => view.draft?.version === second.version,
    'the second draft out for approval',
  );
  seen.supersededDecision = await call(
    'POST',
    `${PARTNERS}/joint-cases/${jointCaseId}/draft-decisions`,
    hct,
    409,
    { version: first.version, decision: 'approved' },
  );
  for (const who of [council, hct])
    await call('POST', `${PARTNERS}/joint-cases/${jointCaseId}/draft-decisions`, who, 201, {
      version: second.version,
      decision: 'approved',
    });

  // 6. Every partner approved that version: the lead signs it off, and one response goes.
  await until(
    () => call('GET', `${API}/complaints/${reference}/joint-case`, handler, 200),
    (view) => view.process?.approvedVersions?.includes(second.version),
    "the partners' approval with the lead",
  );
  await call('POST', `${API}/complaints/${reference}/final-response/approval`, manager, 200, {
    step: 'complaints-team-check',
    version: second.version,
  });
  await call('POST', `${API}/complaints/${reference}/final-response/approval`, chief, 200, {
    step: 'chief-executive-approval',
    version: second.version,
  });
  seen.finalResponse = await inbox.one(
    (m) => m.subject === `Your complaint ${reference}: our final response`,
    'the final response',
  );
  seen.jointAfterSending = await until(
    () => call('GET', `${API}/complaints/${reference}/joint-response`, manager, 200),
    (view) => view.process?.sent !== undefined,
    'the joint workflow told the response went',
  );
  seen.timeline = (
    await until(
      () => call('GET', `${API}/complaints/${reference}`, handler, 200),
      (d) => ['responded', 'closed'].includes(d.stage),
      'the complaint responded',
    )
  ).timeline.map((event) => event.type);
  seen.toCouncil = (await inbox.all())
    .filter((m) => m.to[0].address === 'complaints-manager@hccacs.demo')
    .map((m) => m.subject);
  seen.reference = reference;
  seen.versions = { first: first.version, second: second.version };
  seen.icb = await commissionerHandlesIt({ inbox, staff, partner, hpftHandler: handler });
  fs.writeFileSync(resultFile, JSON.stringify(seen, null, 2));
  say('walked through; result written');
} catch (error) {
  say(`failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await supervisor.stopAll();
}

/**
 * R-JOINT-8 the other way (PHSO model 12.3): the ICB handles a complaint about HPFT's crisis team itself, on
 * its own (PHSO model) procedure; HPFT co-operates as a partner, its complaints manager signed in to the
 * joint-protocol service, and its part is attributed in the ICB's one response.
 */
async function commissionerHandlesIt({ inbox, staff, partner, hpftHandler }) {
  const seen = {};
  const icbHandler = staff('hweicb-handler');
  const icbSigner = staff('hweicb-responsible-person');
  const hpftPartner = partner('partner-hpft-complaints-manager');
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await call('POST', `${API}/complaints`, icbHandler, 201, {
    organisation: 'HWEICB',
    kind: 'complaint',
    channel: 'email',
    receivedOn: londonDay(),
    complainant: {
      name: `Sam Okafor-${suffix}`,
      email: `sam.${suffix}@example.org`,
      relationship: 'relative',
    },
    replyChannels: ['email'],
    issues: [{ description: 'The crisis team did not return our calls for a week.' }],
    outcomeSought: 'To know why, from someone outside the trust',
  });
  const reference = created.reference;
  const detail = await until(
    () => call('GET', `${API}/complaints/${reference}`, icbHandler, 200),
    (d) => d.issues?.length === 1,
    "the ICB's complaint recorded",
  );
  const [calls] = detail.issues.map((issue) => issue.id);
  seen.jointCase = await call('POST', `${API}/complaints/${reference}/joint-case`, icbHandler, 201, {
    protocol: 'hertfordshire',
    receivedBy: 'HWEICB',
    members: [
      { code: 'HWEICB', issueIds: [], seriousness: 1, receivedOn: londonDay() },
      { code: 'HPFT', issueIds: [calls], seriousness: 3 },
    ],
    lead: 'HWEICB',
    decisive: ['commissioner-handles'],
    reasons: 'The family asked for someone outside the trust to look into it.',
  });
  await call('PUT', `${API}/complaints/${reference}/joint-case/partners/HPFT/consent`, icbHandler, 200, {
    consent: 'given',
  });
  await call('POST', `${API}/complaints/${reference}/acknowledgement`, icbHandler, 200, {
    method: 'written',
  });
  seen.hpftNotice = await inbox.one(
    (m) =>
      m.to[0].address === 'complaints-manager@hpft.demo' &&
      m.subject === `Joint complaint ${reference}: joint case opened`,
    "HPFT's notice as a partner",
  );
  await call('POST', `${API}/complaints/${reference}/joint-response/timescale`, icbHandler, 200, {
    responseDueOn: londonDay(40),
    contributionDue: { HPFT: londonDay(20) },
  });

  // HPFT's complaints manager, as a partner user: the ICB's case in its worklist, its issue, its part.
  const { jointCaseId } = await until(
    () => call('GET', `${PARTNERS}/joint-cases`, hpftPartner, 200),
    (rows) => rows.some((row) => row.leadCode === 'HWEICB'),
    "the ICB's case in HPFT's partner worklist",
  ).then((rows) => rows.find((row) => row.leadCode === 'HWEICB'));
  seen.hpftView = await call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, hpftPartner, 200);
  await call('POST', `${PARTNERS}/joint-cases/${jointCaseId}/contributions`, hpftPartner, 201, {
    body: 'The crisis line was diverted to a voicemail nobody checked during a staff shortage.',
  });
  await until(
    () => call('GET', `${API}/complaints/${reference}/joint-response`, icbHandler, 200),
    (view) => view.contributions?.length === 1,
    "HPFT's contribution with the ICB",
  );

  // The ICB's response, HPFT's finding attributed; HPFT approves it; the ICB signs it off.
  const stage = await until(
    () => call('GET', `${API}/complaints/${reference}`, icbHandler, 200),
    (d) => ['early-resolution', 'closer-look'].includes(d.stage),
    "the ICB's complaint under way",
  ).then((d) => d.stage);
  if (stage === 'early-resolution')
    await call('POST', `${API}/complaints/${reference}/closer-look`, icbHandler, 200, {});
  await call('POST', `${API}/complaints/${reference}/timescale`, icbHandler, 200, { due: londonDay(40) });
  const draft = await call('POST', `${API}/complaints/${reference}/final-response/drafts`, icbHandler, 201, {
    sections: {
      'issues-and-outcome-sought':
        'You asked why nobody returned your calls, and for someone outside the trust to look.',
      'how-investigated': 'We asked the trust for its call records and its account, and read both.',
      'evidence-considered': "The crisis line's call log and the trust's staffing records for that week.",
      'what-went-wrong': 'Calls went to a voicemail that nobody checked.',
      impact: 'You were left without help for a week.',
      apology: 'We and the trust are sorry.',
      'wider-learning': 'The trust now checks the voicemail every hour.',
      'staying-involved': 'We will check with the trust in three months that this is still happening.',
    },
    findings: [
      {
        issueId: calls,
        outcome: 'upheld',
        finding: 'The crisis line was diverted to an unchecked voicemail.',
        contributedBy: ['HPFT'],
      },
    ],
    remedies: [{ kind: 'apology', detail: 'This letter.' }],
    actions: [],
    careContext: 'nhs-care',
  });
  await call('POST', `${API}/complaints/${reference}/final-response/outcome-sharing`, icbHandler, 200, {
    commentsRecorded: true,
  });
  await call('POST', `${API}/complaints/${reference}/final-response/submission`, icbHandler, 200, {
    version: draft.version,
  });
  await until(
    () => call('GET', `${PARTNERS}/joint-cases/${jointCaseId}`, hpftPartner, 200),
    (view) => view.draft?.version === draft.version,
    "the ICB's draft out to HPFT for approval",
  );
  await call('POST', `${PARTNERS}/joint-cases/${jointCaseId}/draft-decisions`, hpftPartner, 201, {
    version: draft.version,
    decision: 'approved',
  });
  await until(
    () => call('GET', `${API}/complaints/${reference}/joint-case`, icbHandler, 200),
    (view) => view.process?.approvedVersions?.includes(draft.version),
    "HPFT's approval with the ICB",
  );
  await call('POST', `${API}/complaints/${reference}/final-response/approval`, icbSigner, 200, {
    step: 'sign-off',
    version: draft.version,
  });
  seen.finalResponse = await inbox.one(
    (m) => m.subject === `Your complaint ${reference}: our final response`,
    "the ICB's final response",
  );
  // HPFT's own complaints team has no record of it: the ICB's complaint is the ICB's.
  seen.hpftStaffRead = await call('GET', `${API}/complaints/${reference}`, hpftHandler, 404);
  seen.reference = reference;
  return seen;
}

/** One request; an answer other than `expected` stops the walk with what came back. */
async function call(method, url, headers, expected, body) {
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (response.status !== expected)
    throw new Error(`${method} ${url} answered ${response.status}, not ${expected}: ${text.slice(0, 800)}`);
  return parsed;
}

/** Polls `probe` until `accept` holds (the workflows move on asynchronously). */
async function until(probe, accept, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe().catch((error) => error);
    if (!(last instanceof Error) && accept(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs} ms (last: ${String(last?.message ?? JSON.stringify(last)).slice(0, 800)})`,
      );
    await sleep(250);
  }
}

function mailbox(url) {
  const all = () => fetch(`${url}/email`).then((response) => response.json());
  return {
    all,
    one: (accept, what) =>
      until(all, (messages) => messages.some(accept), what).then((messages) => {
        const found = messages.filter(accept);
        if (found.length !== 1) throw new Error(`${what}: ${found.length} messages, not one`);
        return { subject: found[0].subject, to: found[0].to, text: found[0].text };
      }),
  };
}

/** The token of a single-use link in a notice: the last path segment of its URL. */
function linkTokenIn(text) {
  const match = /https?:\/\/\S+\/([A-Za-z0-9_-]{32,})\b/.exec(text);
  if (!match) throw new Error(`no single-use link in: ${text}`);
  return match[1];
}
