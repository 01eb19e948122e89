// notifyPartner against the real Postgres and SMTP server (R-JOINT-3): a partner off the system gets one
// single-use link per notice, and an attempt stopped before the notice was recorded as sent leaves at most one
// link that works: the retry revokes the link it replaces and sends under the same Message-ID.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inspectAccessLink, seedDemoData } from '@complaints/db';
import { jointResponseWorkflowId } from '@complaints/temporal';
import { MailInbox, openTestDataSource, writeCaseFile } from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import { createSmtpMailer, DeliveryError, type Mailer } from '../../correspondence/mailer';
import type { NotifyPartnerInput } from '../contract';
import { createJointResponseActivities } from '../notify-partner.activity';

let dataSource: DataSource;
let smtp: Mailer;
const inbox = new MailInbox();

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  smtp = createSmtpMailer(process.env.SMTP_URL!);
});

afterAll(async () => {
  smtp?.close();
  await dataSource?.destroy();
});

/** A HPFT complaint made joint with HCT, which is not on the system. */
async function jointCaseWithHct(): Promise<{ jointCaseId: string; reference: string }> {
  const file = await writeCaseFile(dataSource, { closedAt: null });
  const [{ id: jointCaseId }] = await dataSource.query(
    `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on, lead_decision, decided_by, complex)
     VALUES ($1, 'hertfordshire', 'HPFT', 'HPFT', '2036-03-02', '{"decisive":["primary-focus"],"reasons":"mental health care"}', 'hpft-complaints-manager', false)
     RETURNING id`,
    [file.complaintId],
  );
  await dataSource.query(
    `INSERT INTO joint_case_partner (joint_case_id, partner_code, role, issue_ids, consent) VALUES
       ($1, 'HPFT', 'lead', '{}', 'given'), ($1, 'HCT', 'partner', ARRAY[$2]::uuid[], 'given')`,
    [jointCaseId, file.issueId],
  );
  return { jointCaseId, reference: file.reference };
}

/** The real mailer, except that its first send fails as a busy server's 421 does (to be retried). */
function busyOnce(): Mailer {
  let calls = 0;
  return {
    send: (email) => (calls++ === 0 ? Promise.reject(new DeliveryError('421', false)) : smtp.send(email)),
    close: () => undefined,
  };
}

function notify(mailer: Mailer, input: NotifyPartnerInput) {
  const activities = createJointResponseActivities({
    dataSource,
    mailer,
    from: '"NHS complaints" <complaints@test.example>',
    messageIdDomain: 'complaints.test.example',
    partnerServiceUrl: 'http://127.0.0.1:3002',
    partnerLinkUrl: 'http://127.0.0.1:3004',
  });
  return activityEnvironment({
    workflowExecution: { workflowId: jointResponseWorkflowId(input.jointCaseId), runId: randomUUID() },
    activityId: '1',
  }).run(activities.notifyPartner, input);
}

const linksOf = (jointCaseId: string) =>
  dataSource.query(
    `SELECT l.id, l.revoked_at IS NOT NULL AS revoked FROM access_link l
       JOIN joint_case c ON c.complaint_id = l.complaint_id
      WHERE c.id = $1 AND l.partner_code = 'HCT' ORDER BY l.issued_at`,
    [jointCaseId],
  ) as Promise<{ id: string; revoked: boolean }[]>;

it('R-JOINT-3: a retried notice to a partner off the system leaves one working link, sent once', async () => {
  const { jointCaseId, reference } = await jointCaseWithHct();
  const input: NotifyPartnerInput = {
    jointCaseId,
    partnerCode: 'HCT',
    step: 'opened:HCT',
    notice: 'joint-case-opened',
    rule: 'R-JOINT-3',
  };
  const mailer = busyOnce();
  await expect(notify(mailer, input)).rejects.toThrow(DeliveryError);
  const [first] = await linksOf(jointCaseId);
  expect(first).toMatchObject({ revoked: false });

  await expect(notify(mailer, input)).resolves.toEqual({
    to: 'complaints-manager',
    bounced: false,
    delivered: true,
  });
  const links = await linksOf(jointCaseId);
  expect(links.map((link) => link.revoked)).toEqual([true, false]);
  const [{ access_link_id: recorded, status }] = await dataSource.query(
    `SELECT access_link_id, status FROM joint_notification WHERE joint_case_id = $1 AND step = $2`,
    [jointCaseId, input.step],
  );
  expect({ recorded, status }).toEqual({ recorded: links[1].id, status: 'sent' });

  // The one email carries the link that works; the one it replaced is refused as revoked.
  const subject = `Joint complaint ${reference}: joint case opened`;
  const [email] = await inbox.waitFor((m) => m.subject === subject);
  const token = /\/partner-links\/([A-Za-z0-9_-]{20,})/.exec(email.text)![1];
  expect(await inspectAccessLink(dataSource.manager, token, 'partner-case')).toMatchObject({
    opened: true,
    link: { id: links[1].id },
  });

  // Once sent, a further attempt (a replay, a retry after a lost answer) sends and issues nothing.
  await notify(smtp, input);
  expect(await linksOf(jointCaseId)).toHaveLength(2);
  expect((await inbox.messages()).filter((m) => m.subject === subject)).toHaveLength(1);
});
