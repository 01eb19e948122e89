// The trust-year (issue #16): N complaints through the paths a year brings, on the time-skipping server with
// the real workflows and activities, Postgres and SMTP (lib.mjs's onTimeSkippingServer, as the deadline
// storm). Each complaint follows one path through the API, as staff would: acknowledged, resolved early
// (some after an extension), a closer look with its clock paused and resumed and its date extended, the
// final response drafted, shared, submitted and signed off by the profile's chain, a promised action done,
// reopened (CWTH: the stage-two review), withdrawn, or still awaiting acknowledgement. Then the server's
// clock runs on a year, a week at a time, so every deadline the paths left behind falls due (reminders,
// breaches, actions due). The proof is what Postgres holds afterwards: every complaint at the stage its
// path says, counted by expected and actual stage, with every mismatch printed. The baseline, in the same
// run on the same system, is the shortest path a complaint can take: taken in and withdrawn.
import { staffToken, wholeSystemMode } from '../infra/lib/whole-system.mjs';
import {
  closedLoop,
  expectStatus,
  fromDomain,
  repeated,
  staffCommand,
  londonDate,
  ms,
  onTimeSkippingServer,
  report,
  waitFor,
} from './lib.mjs';

const DAY_MS = 86_400_000;
const WEEKS = 52;
const ORGANISATIONS = { HPFT: 'hpft', NCT: 'phso-model', ITRUST: 'itrust', CWTH: 'cwth' };
// A large trust's share of the four profiles: one in three each to HPFT and the PHSO model, one in six to
// iTrust and CWTH.
const PROFILE_MIX = ['HPFT', 'NCT', 'HPFT', 'NCT', 'ITRUST', 'CWTH'];
const hasEarlyResolution = (organisation) => organisation === 'HPFT' || organisation === 'NCT';

/**
 * A path: its steps and the stage it ends in. In twenty complaints of a profile with early resolution
 * (HPFT, the PHSO model); those without go straight to a closer look, so their early share responds.
 */
const PATHS = {
  'awaiting acknowledgement': { steps: [], stage: 'awaiting-acknowledgement' },
  acknowledged: { steps: ['acknowledge'], stage: 'first-stage' },
  'resolved early': { steps: ['acknowledge', 'resolveEarly'], stage: 'resolved-early' },
  'extended, resolved early': {
    steps: ['acknowledge', 'extendEarly', 'resolveEarly'],
    stage: 'resolved-early',
  },
  withdrawn: { steps: ['acknowledge', 'withdraw'], stage: 'withdrawn' },
  'closer look, paused': { steps: ['acknowledge', 'closerLook', 'pause'], stage: 'closer-look' },
  responded: {
    steps: ['acknowledge', 'closerLook', 'pause', 'resume', 'extendFinal', 'respond'],
    stage: 'closed',
  },
  'responded, action open': {
    steps: ['acknowledge', 'closerLook', 'respondWithAction'],
    stage: 'responded',
  },
  'responded, action done': {
    steps: ['acknowledge', 'closerLook', 'extendFinal', 'respondWithAction', 'completeAction'],
    stage: 'closed',
  },
  reopened: { steps: ['acknowledge', 'closerLook', 'respond', 'reopen'], stage: 'closer-look' },
};
const WITH_EARLY_RESOLUTION = [
  ...Array(1).fill('awaiting acknowledgement'),
  ...Array(2).fill('acknowledged'),
  ...Array(6).fill('resolved early'),
  ...Array(2).fill('extended, resolved early'),
  ...Array(1).fill('withdrawn'),
  ...Array(1).fill('closer look, paused'),
  ...Array(4).fill('responded'),
  ...Array(1).fill('responded, action open'),
  ...Array(1).fill('responded, action done'),
  ...Array(1).fill('reopened'),
];
const WITHOUT_EARLY_RESOLUTION = WITH_EARLY_RESOLUTION.map((name) =>
  name === 'resolved early' ? 'responded' : name === 'extended, resolved early' ? 'reopened' : name,
);

/** Runs the trust-year with `complaints` (the issue's figure is 2,000) at `concurrency`. */
export async function trustYearBenchmark({ complaints, concurrency }) {
  await onTimeSkippingServer(wholeSystemMode('bench-trust-year', 21_000), (system) =>
    trustYear(system, complaints, concurrency),
  );
}

async function trustYear({ env, api, db, clock }, count, concurrency) {
  const domain = fromDomain();
  const calendar = domain.createWorkingDayCalendar();
  const tokens = {};
  const tokenFor = (organisation, role) =>
    (tokens[`${organisation}-${role}`] ??= staffToken(env, `${organisation.toLowerCase()}-${role}`));
  const today = async () => londonDate(new Date(await clock.now()));
  const receivedOn = await today();
  const workingDaysFrom = (date, days) => domain.workingDaysAfterReceipt(date, days, calendar);

  const call = async (method, url, token, body, status = 200) =>
    (method === 'GET' ? expectStatus : staffCommand)(
      `${api}${url}`,
      {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      status,
    );

  /** One complaint's record once `accept` holds, as its handler sees it. */
  const detailWhen = async (c, accept, what) => {
    const detail = await waitFor(
      () => call('GET', `/complaints/${c.reference}`, tokenFor(c.organisation, 'handler')),
      accept,
      180_000,
    );
    if (!accept(detail)) throw new Error(`${c.reference}: ${what} not reached (stage ${detail.stage})`);
    return detail;
  };

  const STEPS = {
    async acknowledge(c) {
      await call('POST', `/complaints/${c.reference}/acknowledgement`, c.handler, { method: 'written' });
      await detailWhen(
        c,
        (d) => d.stage === 'early-resolution' || d.stage === 'closer-look',
        'the first stage',
      );
    },
    async extendEarly(c) {
      await call('POST', `/complaints/${c.reference}/early-resolution/extension`, c.handler, {
        newTarget: workingDaysFrom(receivedOn, 15),
        agreedWithComplainant: true,
      });
    },
    async resolveEarly(c) {
      await call('POST', `/complaints/${c.reference}/early-resolution/resolution`, c.handler, {
        summary: `You were kept waiting without an update; we apologised and now keep the waiting room informed (${c.reference}).`,
        complainantSatisfied: true,
      });
      await detailWhen(c, (d) => d.closedAt !== null, 'closure');
    },
    async withdraw(c) {
      await call('POST', `/complaints/${c.reference}/withdrawal`, c.handler);
      await detailWhen(c, (d) => d.closedAt !== null, 'closure');
    },
    async closerLook(c) {
      const detail = await detailWhen(c, () => true, 'the record');
      if (detail.stage === 'early-resolution')
        c.due = (await call('POST', `/complaints/${c.reference}/closer-look`, c.handler))?.due;
      // The PHSO model agrees the date with the person.
      if (c.organisation === 'NCT')
        c.due = (
          await call('POST', `/complaints/${c.reference}/timescale`, c.handler, {
            due: workingDaysFrom(receivedOn, 40),
          })
        )?.due;
      c.due ??= (
        await detailWhen(c, (d) => d.deadlines?.finalResponse, 'a final-response date')
      ).deadlines.finalResponse;
    },
    async pause(c) {
      await call('POST', `/complaints/${c.reference}/clock/pause`, c.handler, { reason: 'person-request' });
    },
    async resume(c) {
      c.due =
        (await call('POST', `/complaints/${c.reference}/clock/resume`, c.handler, { reason: 'hold-ended' }))
          ?.due ??
        (await detailWhen(c, (d) => d.deadlines?.finalResponse, 'a final-response date')).deadlines
          .finalResponse;
    },
    async extendFinal(c) {
      const newDue = workingDaysFrom(c.due, 10);
      await call('POST', `/complaints/${c.reference}/final-response/extension`, c.handler, {
        newDue,
        reason: 'awaiting-information',
        // R-INV-5: agreed with the person (CWTH would take a progress report without it).
        agreement: { with: 'complainant', on: await today(), how: 'telephone' },
      });
      c.due = newDue;
    },
    respond: (c) => respond(c, []),
    respondWithAction: async (c) =>
      respond(c, [
        {
          description: 'Audit cancellation calls for three months',
          ownerId: `${c.organisation.toLowerCase()}-handler`,
          due: workingDaysFrom(await today(), 20),
        },
      ]),
    async completeAction(c) {
      await call('POST', `/complaints/${c.reference}/actions/action-1/completion`, c.handler, {
        evidence: 'The three-month audit report, signed off by the clinic manager.',
      });
      await detailWhen(c, (d) => d.closedAt !== null, 'closure');
    },
    async reopen(c) {
      // CWTH has a stage-two review instead of reopening (R-STAGE2-1).
      const route = c.organisation === 'CWTH' ? 'stage-two-review' : 'reopening';
      await call('POST', `/complaints/${c.reference}/${route}`, c.handler, { reason: 'issues-not-answered' });
      await detailWhen(
        c,
        (d) => d.stage === 'closer-look' && d.closedAt === null,
        'the reopened closer look',
      );
    },
  };

  /** The R-RESP-1 draft, the outcome shared, submitted, and each step of the profile's chain (R-RESP-2). */
  async function respond(c, actions) {
    const detail = await detailWhen(c, (d) => d.stage === 'closer-look', 'the closer look');
    const saved = await call(
      'POST',
      `/complaints/${c.reference}/final-response/drafts`,
      c.handler,
      draft(c, detail, actions),
      201,
    );
    if (!saved) throw new Error(`${c.reference}: the draft's answer was lost after a 503`);
    if (saved.missing.length > 0)
      throw new Error(`${c.reference}: the draft misses ${JSON.stringify(saved.missing)}`);
    await call('POST', `/complaints/${c.reference}/final-response/outcome-sharing`, c.handler, {
      commentsRecorded: true,
    });
    await call('POST', `/complaints/${c.reference}/final-response/submission`, c.handler, {
      version: saved.version,
    });
    await detailWhen(c, (d) => d.stage === 'awaiting-sign-off', 'sign-off');
    for (const step of domain.getProfile(ORGANISATIONS[c.organisation]).finalResponseApproval) {
      const role = step.roles[0] === 'complaints-manager' ? 'complaints-manager' : 'responsible-person';
      await call(
        'POST',
        `/complaints/${c.reference}/final-response/approval`,
        tokenFor(c.organisation, role),
        {
          step: step.step,
          version: saved.version,
        },
      );
    }
    await detailWhen(
      c,
      (d) => (actions.length ? d.stage === 'responded' : d.closedAt !== null),
      'the response sent',
    );
  }

  const complaintFor = (index, path) => {
    const organisation = PROFILE_MIX[index % PROFILE_MIX.length];
    return { index, organisation, path, handler: tokenFor(organisation, 'handler') };
  };
  const takeIn = async (c) => {
    c.reference = (
      await call('POST', '/complaints', c.handler, complaintBody(c.index, c.organisation, receivedOn), 201)
    ).reference;
  };

  // The baseline first, while the clock is still at the day of receipt: the shortest path a complaint takes.
  const shortest = Array.from({ length: count }, (_, i) => complaintFor(count + i, 'taken in, withdrawn'));
  const baseline = await closedLoop(count, concurrency, async (i) => {
    await takeIn(shortest[i]);
    await call('POST', `/complaints/${shortest[i].reference}/withdrawal`, shortest[i].handler);
  });

  // Each profile's complaints go through its twenty slots in turn, so every profile gets the whole mix.
  const seen = Object.fromEntries(Object.keys(ORGANISATIONS).map((code) => [code, 0]));
  const year = Array.from({ length: count }, (_, i) => {
    const organisation = PROFILE_MIX[i % PROFILE_MIX.length];
    const slots = hasEarlyResolution(organisation) ? WITH_EARLY_RESOLUTION : WITHOUT_EARLY_RESOLUTION;
    return complaintFor(i, slots[seen[organisation]++ % slots.length]);
  });
  const started = performance.now();
  const paths = await closedLoop(count, concurrency, async (i) => {
    const c = year[i];
    await takeIn(c);
    for (const step of PATHS[c.path].steps) await STEPS[step](c);
  });
  const pathsMs = performance.now() - started;

  // The rest of the year, a week at a time, each week's timers and their activities settled before the next.
  const yearStarted = performance.now();
  const origin = await clock.now();
  let unsettledWeeks = 0;
  for (let week = 1; week <= WEEKS; week += 1) {
    await clock.jumpTo(origin + week * 7 * DAY_MS);
    if (!(await settled(db))) unsettledWeeks += 1;
  }
  const restOfYearMs = performance.now() - yearStarted;

  // The proof: each complaint's stage as stored, against its path's.
  const stored = new Map(
    (await db.query(`SELECT reference, stage FROM complaint`)).rows.map((row) => [row.reference, row.stage]),
  );
  const expected = (c) => {
    if (c.path === 'taken in, withdrawn') return 'withdrawn';
    const stage = PATHS[c.path].stage;
    if (stage !== 'first-stage') return stage;
    return hasEarlyResolution(c.organisation) ? 'early-resolution' : 'closer-look';
  };
  const counts = new Map();
  const mismatches = [];
  for (const c of [...year, ...shortest]) {
    const want = expected(c);
    const got = c.reference ? (stored.get(c.reference) ?? 'not stored') : 'not taken in';
    const key = `${c.path} → ${want}`;
    const entry = counts.get(key) ?? { expected: 0, reached: 0 };
    entry.expected += 1;
    if (got === want) entry.reached += 1;
    else
      mismatches.push(`${c.reference ?? `#${c.index}`} (${c.organisation}, ${c.path}): ${got}, not ${want}`);
    counts.set(key, entry);
  }
  const mail = (
    await db.query(
      `SELECT status, count(*)::int AS count FROM correspondence GROUP BY status ORDER BY status`,
    )
  ).rows;
  const [events] = (
    await db.query(
      `SELECT count(*)::int AS total,
              (count(*) FILTER (WHERE type LIKE '%reminder%'))::int AS reminders,
              (count(*) FILTER (WHERE type LIKE '%breach%'))::int AS breaches
         FROM case_event`,
    )
  ).rows;

  report(`a trust-year: ${count} complaints through realistic paths, on the time-skipping server`, {
    'received on': `${receivedOn}; the clock then ran ${WEEKS} weeks to ${await today()}`,
    'paths (intake to last step)': `${ms(pathsMs)}  (${paths.perSecond.toFixed(1)} complaints/s, errors ${paths.errors})`,
    'the rest of the year': `${ms(restOfYearMs)}  (${WEEKS} weekly jumps, ${WEEKS - unsettledWeeks} settled within 2 min)`,
    'trust-year wall time': ms(pathsMs + restOfYearMs),
    [`baseline: ${count} taken in, withdrawn`]: `${ms((baseline.count / baseline.perSecond) * 1000)}  (errors ${baseline.errors})`,
    'ratio paths / baseline': (pathsMs / ((baseline.count / baseline.perSecond) * 1000)).toFixed(2),
    'ratio year / baseline': (
      (pathsMs + restOfYearMs) /
      ((baseline.count / baseline.perSecond) * 1000)
    ).toFixed(2),
    correspondence: mail.map(({ status, count }) => `${status} ${count}`).join(', '),
    'commands repeated after 503': String(repeated.count),
    'timeline events': `${events.total}, of them ${events.reminders} reminders and ${events.breaches} breaches`,
  });
  process.stdout.write(`   proof: path → expected stage          reached / expected\n`);
  for (const [key, { expected: want, reached }] of [...counts].sort())
    process.stdout.write(
      `     ${key.padEnd(52)} ${reached} / ${want}${reached === want ? '' : '  MISMATCH'}\n`,
    );
  for (const line of mismatches.slice(0, 50)) process.stdout.write(`     mismatch: ${line}\n`);
  if (mismatches.length > 50) process.stdout.write(`     … and ${mismatches.length - 50} more\n`);
  if (mismatches.length > 0 || paths.errors > 0 || baseline.errors > 0)
    throw new Error(
      `trust-year: ${mismatches.length} complaints not at their path's stage, ${paths.errors + baseline.errors} paths failed`,
    );
  process.stdout.write(
    `   every complaint reached the stage its path says (${year.length + shortest.length})\n`,
  );
}

/**
 * Waits until no timeline event has been added for a second and no letter or email is on its way out
 * (approved or sending); false if that takes over two minutes.
 */
async function settled(db) {
  let last = -1;
  let quietSince = Date.now();
  const calm = ({ quiet, pending }) => quiet >= 1_000 && pending === 0;
  const state = await waitFor(
    async () => {
      const [{ events, pending }] = (
        await db.query(
          `SELECT (SELECT count(*) FROM case_event)::int AS events,
                  (SELECT count(*) FROM correspondence WHERE status IN ('approved', 'sending'))::int AS pending`,
        )
      ).rows;
      if (events !== last) {
        last = events;
        quietSince = Date.now();
      }
      return { quiet: Date.now() - quietSince, pending };
    },
    calm,
    120_000,
  );
  return calm(state);
}

function complaintBody(index, organisation, receivedOn) {
  return {
    organisation,
    kind: 'complaint',
    channel: index % 3 === 0 ? 'letter' : 'email',
    receivedOn,
    complainant: {
      name: `Jo Year ${index}`,
      email: `jo.year.${index}@example.org`,
      relationship: 'patient',
      address: { lines: [`${index} Station Road`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [
      { description: `Nobody told me why my appointment was cancelled twice (${index}).` },
      { description: 'The receptionist was rude when I asked.' },
    ],
    outcomeSought: 'An explanation and an apology',
  };
}

/** A complete R-RESP-1 draft: every section, a finding per issue, remedies, and the promised `actions`. */
function draft(c, detail, actions) {
  return {
    sections: {
      'issues-and-outcome-sought': 'You asked why your appointment was cancelled and for an apology.',
      'how-investigated': 'We read the booking records and spoke to the clinic manager.',
      'evidence-considered': 'The booking system audit trail and the clinic rota.',
      'what-went-wrong': 'The clinic should have phoned you; it sent no notice at all.',
      impact: 'You took two days off work for appointments that did not happen.',
      apology: `We are sorry for the cancellations and for how you were spoken to (${c.reference}).`,
      'wider-learning': 'Every cancellation now triggers a phone call and a text message.',
      'staying-involved': 'We will write to you when the new booking checks are in place.',
    },
    findings: detail.issues.map((issue, index) => ({
      issueId: issue.id,
      outcome: index === 0 ? 'upheld' : 'partially-upheld',
      finding:
        index === 0 ? 'The cancellations were not communicated.' : 'The tone fell short of our standards.',
    })),
    remedies: [{ kind: 'apology', detail: 'This letter, and a call from the clinic manager.' }],
    actions,
    careContext: 'nhs-care',
    partiesComments: 'The complainant agreed the findings on the phone.',
    ...(c.organisation === 'HPFT'
      ? { coverLetter: 'I have read your complaint and our response personally.' }
      : {}),
  };
}
