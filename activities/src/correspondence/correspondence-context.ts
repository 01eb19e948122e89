import { ApplicationFailure } from '@temporalio/activity';
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import {
  Complaint,
  ComplaintIssue,
  ComplaintParty,
  FinalResponseDraft,
  InvestigationPlan,
  issuesToFollow,
  JointCase,
  JointCasePartner,
  JointProtocol,
  Organisation,
  PartnerOrganisation,
  CaseAction,
  ContactRestriction,
  SignOffDelegation,
  StaffUser,
} from '@complaints/db';
import {
  calendarMonthsAfterReceipt,
  createWorkingDayCalendar,
  delegationCurrent,
  getProfile,
  londonDate,
  PERSISTENT_BEHAVIOUR_APPROVER,
  roleTitle,
  workingDaysAfterReceipt,
  type DecisionRole,
  type CareType,
  type InvestigationPlanContent,
  type JointRole,
  type PolicyProfile,
} from '@complaints/domain';
import { loadTemplateOverrides } from './template-overrides';
import type { OrganisationOverrides } from './template-renderer';

/** Everything a template may use about one complaint, read from the record (personal data stays in this process). */
export interface CorrespondenceContext {
  complaint: Complaint;
  organisation: Organisation;
  complainant: ComplaintParty | null;
  /** R-INT-5: the person the complaint is about, when someone else made it for them. */
  personAffected: ComplaintParty | null;
  profile: PolicyProfile;
  handler: StaffUser | null;
  /** The issues in the person's own words, in the order they raised them (R-INT-2). */
  issues: ComplaintIssue[];
  /** The saved final-response version named by `facts.finalResponseVersion`; null when not asked for or not saved. */
  finalResponseDraft: FinalResponseDraft | null;
  /** R-INV-2: the saved plan named by `facts.planVersion`, with who will respond; null when not asked for or not saved. */
  plan: { content: InvestigationPlanContent; respondent: StaffUser | null } | null;
  /** The member of staff named by `facts.approvedBy` (R-INV-7: who signs the six-month letter); null when not asked for or unknown. */
  approver: StaffUser | null;
  /**
   * R-RESP-2: who signed off the letter (the workflow's `approvedBy`), as it names them: their name and title and,
   * for a delegate of the Responsible Person, on whose behalf (ADR 0034); null when not asked for or unknown.
   */
  signer?: LetterSigner | null;
  /** R-PERS-1: who took the decision on contact named by `facts.restrictionId`, in which roles, and who approved it. */
  contactDecision?: ContactDecisionSigners | null;
  /** R-RESP-4: the promised action named by `facts.actionId`, once done; null when not asked for or not done. */
  completedAction?: { description: string; completedOn: string } | null;
  /** The organisation's template overrides in use (issue #5). */
  templateOverrides: OrganisationOverrides;
  /** R-JOINT-2, R-JOINT-5: the joint case this complaint leads, or null (absent) when it is not joint. */
  joint?: JointLetterContext | null;
  /** R-JOINT-8: the commissioner that forwarded the complaint to us, by name; null (absent) when made to us. */
  forwardedBy?: { name: string; receivedOn: string } | null;
}

export interface LetterSigner {
  name: string;
  title: string | null;
  /** "the Chief Executive" where a delegate signed; null where the Responsible Person signed themselves. */
  onBehalfOf: string | null;
}

/** R-PERS-1: the decision's people by name and title, in the order the letter names them. */
export interface ContactDecisionSigners {
  decidedBy: { name: string; title: string }[];
  approvedBy: { name: string; title: string } | null;
}

/** What a joint complaint's letters say of the organisations handling it together. */
export interface JointLetterContext {
  protocolName: string;
  /** The lead, this complaint's organisation, and the partners still taking part; copied organisations are not named. */
  members: {
    code: string;
    name: string;
    role: Exclude<JointRole, 'copied'>;
    care: CareType;
    /** R-JOINT-6: a partial response went without its part, which follows from it with its apology. */
    leftOutOfResponse?: boolean;
  }[];
  /** R-JOINT-6: the issues whose parts follow from the partners a partial response went without. */
  issuesToFollow?: string[];
}

/**
 * The complaint, its organisation, parties, issues and handler; and what the facts point at: the final-response
 * draft version (`finalResponseVersion`) and the approving member of staff (`approvedBy`). A pointer to
 * something missing leaves null, for the template to refuse (a render error), never a half-empty letter.
 */
export async function loadCorrespondenceContext(
  dataSource: DataSource,
  reference: string,
  facts: Record<string, unknown> = {},
  options: { signedOffBy?: string | null } = {},
): Promise<CorrespondenceContext> {
  const complaint = await dataSource.getRepository(Complaint).findOne({
    where: { reference },
    relations: { parties: true, issues: true },
    order: { issues: { position: 'ASC' } },
  });
  if (!complaint)
    throw ApplicationFailure.nonRetryable(`no complaint ${reference} in the record`, 'ComplaintNotFound');
  const organisation = await dataSource
    .getRepository(Organisation)
    .findOneByOrFail({ code: complaint.organisationCode });
  const staff = dataSource.getRepository(StaffUser);
  const handler = complaint.handlerId ? await staff.findOneBy({ id: complaint.handlerId }) : null;
  const finalResponseDraft = Number.isInteger(facts.finalResponseVersion)
    ? await dataSource
        .getRepository(FinalResponseDraft)
        .findOneBy({ complaintReference: reference, version: facts.finalResponseVersion as number })
    : null;
  const savedPlan = Number.isInteger(facts.planVersion)
    ? await dataSource
        .getRepository(InvestigationPlan)
        .findOneBy({ complaintReference: reference, version: facts.planVersion as number })
    : null;
  const plan = savedPlan
    ? {
        content: savedPlan.content,
        respondent: await staff.findOneBy({
          id: savedPlan.content.respondentId,
          organisationCode: complaint.organisationCode,
        }),
      }
    : null;
  const approver =
    typeof facts.approvedBy === 'string'
      ? await staff.findOneBy({ id: facts.approvedBy, organisationCode: complaint.organisationCode })
      : null;
  return {
    complaint,
    organisation,
    complainant: complaint.parties.find((party) => party.role === 'complainant') ?? null,
    personAffected: complaint.parties.find((party) => party.role === 'person-affected') ?? null,
    profile: getProfile(complaint.profileId, complaint.profileVersion),
    handler,
    issues: [...(complaint.issues ?? [])].sort((a, b) => a.position - b.position),
    finalResponseDraft,
    plan,
    approver,
    signer: options.signedOffBy ? await loadSigner(dataSource, organisation, options.signedOffBy) : null,
    contactDecision:
      typeof facts.restrictionId === 'string'
        ? await loadContactDecision(dataSource, organisation, facts.restrictionId)
        : null,
    completedAction:
      typeof facts.actionId === 'string'
        ? await loadCompletedAction(dataSource, reference, facts.actionId)
        : null,
    templateOverrides: await loadTemplateOverrides(dataSource, complaint.organisationCode),
    joint: await loadJointLetterContext(dataSource, complaint.id),
    forwardedBy:
      complaint.forwardedByCode && complaint.commissionerReceivedOn
        ? {
            name: (
              await dataSource
                .getRepository(PartnerOrganisation)
                .findOneByOrFail({ code: complaint.forwardedByCode })
            ).name,
            receivedOn: complaint.commissionerReceivedOn,
          }
        : null,
  };
}

async function loadCompletedAction(dataSource: DataSource, reference: string, actionKey: string) {
  const action = await dataSource
    .getRepository(CaseAction)
    .findOneBy({ complaintReference: reference, actionKey, status: 'done' });
  return action?.closedOn ? { description: action.description, completedOn: action.closedOn } : null;
}

/**
 * R-RESP-2 (ADR 0034): the Responsible Person signs in their own name and title; anyone else signs under the
 * delegation they held when they signed (the latest that had started by today, so one ended since still names
 * whom they signed for), on behalf of the Responsible Person who gave it.
 */
async function loadSigner(
  dataSource: DataSource,
  organisation: Organisation,
  staffId: string,
): Promise<LetterSigner | null> {
  const staff = dataSource.getRepository(StaffUser);
  const signer = await staff.findOneBy({ id: staffId, organisationCode: organisation.code });
  if (!signer) return null;
  const responsiblePerson = roleTitle(organisation.roleTitles, 'responsible-person');
  if (signer.roles.includes('responsible-person'))
    return { name: signer.displayName, title: signer.jobTitle ?? responsiblePerson, onBehalfOf: null };
  const today = londonDate(new Date());
  const started = (
    await dataSource.getRepository(SignOffDelegation).find({
      where: { organisationCode: organisation.code, delegateId: staffId, startsOn: LessThanOrEqual(today) },
      order: { recordedAt: 'DESC' },
    })
  ).filter((held) => held.function === 'final-response-sign-off');
  const delegation =
    started.find((held) =>
      delegationCurrent({ from: held.startsOn, until: held.endsOn, endedAt: held.endedAt }, today),
    ) ?? started[0];
  const delegator = delegation ? await staff.findOneBy({ id: delegation.delegatedBy }) : null;
  return {
    name: signer.displayName,
    title: signer.jobTitle,
    onBehalfOf: delegation ? `the ${delegator?.jobTitle ?? responsiblePerson}` : null,
  };
}

/** R-PERS-1: the complaints lead, the managing director and the clinical team, then the approver, by name and title. */
async function loadContactDecision(
  dataSource: DataSource,
  organisation: Organisation,
  restrictionId: string,
): Promise<ContactDecisionSigners | null> {
  const restriction = await dataSource
    .getRepository(ContactRestriction)
    .findOneBy({ id: restrictionId, organisationCode: organisation.code });
  if (!restriction) return null;
  const ids = [restriction.proposedBy, ...restriction.decidedBy.map((member) => member.staffId)];
  if (restriction.approvedBy) ids.push(restriction.approvedBy);
  const people = new Map(
    (
      await dataSource.getRepository(StaffUser).findBy({ id: In(ids), organisationCode: organisation.code })
    ).map((person) => [person.id, person]),
  );
  const titles = organisation.roleTitles;
  const named = (id: string, title: string) => ({
    name: people.get(id)?.displayName ?? 'a member of our staff',
    title,
  });
  const order: DecisionRole[] = ['managing-director', 'clinical-team'];
  return {
    decidedBy: [
      ...[...restriction.decidedBy]
        .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
        .map((member) => named(member.staffId, roleTitle(titles, member.role))),
      named(restriction.proposedBy, roleTitle(titles, 'complaints-lead')),
    ],
    approvedBy: restriction.approvedBy
      ? named(
          restriction.approvedBy,
          restriction.approvedAs ?? roleTitle(titles, PERSISTENT_BEHAVIOUR_APPROVER),
        )
      : null,
  };
}

async function loadJointLetterContext(
  dataSource: DataSource,
  complaintId: string,
): Promise<JointLetterContext | null> {
  const jointCase = await dataSource.getRepository(JointCase).findOneBy({ complaintId });
  if (!jointCase) return null;
  const protocol = await dataSource
    .getRepository(JointProtocol)
    .findOneByOrFail({ code: jointCase.protocolCode });
  const members = await dataSource.getRepository(JointCasePartner).findBy({ jointCaseId: jointCase.id });
  const organisations = new Map(
    (await dataSource.getRepository(PartnerOrganisation).findBy({ protocolCode: protocol.code })).map(
      (organisation) => [organisation.code, organisation],
    ),
  );
  const taking = members
    .filter((member) => member.role !== 'copied' && member.withdrawnAt === null)
    // The lead first, then the partners in the order of their codes.
    .sort(
      (a, b) =>
        Number(b.role === 'lead') - Number(a.role === 'lead') || a.partnerCode.localeCompare(b.partnerCode),
    );
  return {
    protocolName: protocol.name,
    issuesToFollow: await issuesToFollow(dataSource.manager, complaintId),
    members: taking.map((member) => {
      const organisation = organisations.get(member.partnerCode)!;
      return {
        code: member.partnerCode,
        name: organisation.name,
        role: member.role as 'lead' | 'partner',
        care: organisation.care,
        leftOutOfResponse: member.leftOutOfResponseAt !== null,
      };
    }),
  };
}

/** When the person can expect a full reply, where the profile sets a timescale (R-INV-4). */
export function replyExpectedBy(context: CorrespondenceContext): string | null {
  const timescale = context.profile.responseTimescale;
  const receivedOn = context.complaint.receivedOn;
  if (timescale.kind === 'calendar-months') return calendarMonthsAfterReceipt(receivedOn, timescale.months);
  if (timescale.kind === 'working-days') {
    const calendar = createWorkingDayCalendar({
      nation: context.organisation.nation,
      closureDays: context.organisation.closureDays,
    });
    return workingDaysAfterReceipt(receivedOn, timescale.newComplaint, calendar);
  }
  return null;
}
