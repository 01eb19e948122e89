// The joint walkthrough of the README, end to end on a whole system (issue #13, test/joint/joint-walkthrough.mjs):
// the lead's real complaint workflow and the real jointResponse workflow together, the council through the
// partner API and HCT, off the system, through its single-use link; every letter read back from the inbox.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

jest.setTimeout(8 * 60_000);

const HPFT = 'Hertfordshire Partnership University NHS Foundation Trust';
const COUNCIL = 'Hertfordshire County Council Adult Care Services';
const HCT = 'Hertfordshire Community NHS Trust';
const ICB = 'Hertfordshire and West Essex Integrated Care Board';
const flat = (text) => text.replace(/\s+/g, ' ');

let seen;

beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'joint-')), 'result.json');
  const child = spawn(process.execPath, [path.join(__dirname, 'joint', 'joint-walkthrough.mjs'), file], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the joint walkthrough stopped (exit ${code}); its output is above`);
  seen = JSON.parse(fs.readFileSync(file, 'utf8'));
});

it('R-JOINT-1: HPFT leads, with the council and HCT as partners', () => {
  expect(seen.jointCase).toMatchObject({ protocol: 'hertfordshire', lead: 'HPFT' });
  expect(seen.jointCase.members.map((m) => [m.code, m.role]).sort()).toEqual([
    ['HCCACS', 'partner'],
    ['HCT', 'partner'],
    ['HPFT', 'lead'],
  ]);
});

it('R-JOINT-2: a partner sees only that a joint case exists until consent, then only its own issue', () => {
  expect(seen.councilBeforeConsent).toMatchObject({ shared: false, leadCode: 'HPFT' });
  expect(seen.councilBeforeConsent.reference).toBeUndefined();
  expect(seen.councilView.issues.map((i) => i.description)).toEqual([
    'The council stopped his home care visits without telling us.',
  ]);
  expect(seen.hctView.issues.map((i) => i.description)).toEqual([
    'The district nurses did not come to dress his leg.',
  ]);
  expect(seen.councilView.reference).toBe(seen.reference);
});

it('R-JOINT-2: the acknowledgement says the joint protocol is used and names every organisation', () => {
  const text = flat(seen.acknowledgement.text);
  expect(text).toContain('Hertfordshire Joint Protocol');
  for (const name of [HPFT, COUNCIL, HCT]) expect(text).toContain(name);
});

it("R-JOINT-3: each partner's complaints manager is told; the one off the system gets a single-use link", () => {
  expect(seen.councilOpened.text).toContain(seen.reference);
  expect(seen.councilOpened.text).not.toMatch(/works once/);
  expect(seen.hctOpened.text).toMatch(/works once, and expires/);
  // Process facts only: no name, address or words of the complaint in a notice.
  for (const notice of [seen.councilOpened, seen.hctOpened, seen.councilDraftNotice]) {
    expect(notice.text).not.toMatch(/Jordan|Beech Walk|home care visits|dress his leg/);
    expect(notice.text).not.toContain('..');
  }
  expect(seen.linkReused).toMatchObject({ status: 410 });
});

it('R-JOINT-4: the lead reads each partner’s contribution', () => {
  const bodies = seen.leadJointView.contributions.map((c) => [c.partnerCode, c.body]).sort();
  expect(bodies).toEqual([
    ['HCCACS', expect.stringContaining('stopped in error')],
    ['HCT', expect.stringContaining('referral from the ward')],
  ]);
});

it('R-JOINT-5: the partners read the draft they approve, each part attributed; a superseded version cannot be approved; no signature before every approval', () => {
  const shared = seen.councilDraftView.draft;
  expect(shared.version).toBe(seen.versions.first);
  expect(shared.sections.impact).toBe('Your father was without support for nine days.');
  expect(shared.findings.map((f) => f.contributedBy)).toEqual([['HPFT'], ['HCCACS'], ['HCT']]);
  expect(seen.signedTooEarly).toMatchObject({ status: 409, rule: 'R-JOINT-5' });
  expect(seen.supersededDecision).toMatchObject({ status: 409, rule: 'R-JOINT-5' });
  expect(seen.supersededDecision.detail).toContain(`superseded by version ${seen.versions.second}`);
});

it('one joint response on the lead’s letterhead: each part attributed, the offer to discuss, both Ombudsmen', () => {
  const text = flat(seen.finalResponse.text);
  expect(text.slice(0, 200)).toContain(HPFT);
  expect(text).toContain('without home care for twelve days');
  expect(text).toContain(`The crisis team visit was not booked. Contributed by ${HPFT}.`);
  expect(text).toContain(`The care visits were stopped in error. Contributed by ${COUNCIL}.`);
  expect(text).toContain(
    `The referral was not received, so the visits were not booked. Contributed by ${HCT}.`,
  );
  expect(text).toContain('Parliamentary and Health Service Ombudsman');
  expect(text).toContain('Local Government and Social Care Ombudsman');
  expect(text).toMatch(new RegExp(`other organisations concerned \\(.*${COUNCIL}`));
});

it('both workflows record the whole path, and the joint one knows the response went', () => {
  expect(seen.timeline).toEqual(
    expect.arrayContaining([
      'became-joint',
      'sharing-consent-recorded',
      'joint-draft-shared',
      'final-response-returned',
      'joint-draft-approved',
      'final-response-sent',
    ]),
  );
  expect(seen.jointAfterSending.process.sent).toMatchObject({
    version: seen.versions.second,
    partial: false,
  });
  expect(seen.toCouncil).toEqual(
    expect.arrayContaining([
      `Joint complaint ${seen.reference}: joint case opened`,
      `Joint complaint ${seen.reference}: draft for approval`,
    ]),
  );
});

it('R-JOINT-8, PHSO model 12.3: the ICB handles a complaint about HPFT itself; HPFT co-operates through the partner API, and its part is in the ICB’s one response', () => {
  const { icb } = seen;
  expect(icb.jointCase).toMatchObject({
    lead: 'HWEICB',
    receivedBy: 'HWEICB',
    leadDecision: { decisive: ['commissioner-handles'] },
  });
  // HPFT's complaints manager signs in (HPFT is on the system): no single-use link in its notice.
  expect(icb.hpftNotice.text).toContain(icb.reference);
  expect(icb.hpftNotice.text).not.toMatch(/works once/);
  expect(icb.hpftView).toMatchObject({ leadCode: 'HWEICB', reference: icb.reference });
  expect(icb.hpftView.issues.map((i) => i.description)).toEqual([
    'The crisis team did not return our calls for a week.',
  ]);
  const text = flat(icb.finalResponse.text);
  expect(text.slice(0, 200)).toContain(ICB);
  expect(text).toContain(`The crisis line was diverted to an unchecked voicemail. Contributed by ${HPFT}.`);
  expect(text).toContain('Parliamentary and Health Service Ombudsman');
  expect(text).not.toContain('Local Government and Social Care Ombudsman');
  // The ICB's complaint is not in HPFT's own record: HPFT's staff API does not find it.
  expect(icb.hpftStaffRead).toMatchObject({ status: 404 });
});
