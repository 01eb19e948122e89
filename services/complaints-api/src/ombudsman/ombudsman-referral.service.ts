import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type DataSource } from 'typeorm';
import { CaseAction, nameToCaseTeam, OmbudsmanReferral, type Complaint } from '@complaints/db';
import { getProfile, londonDate, OMBUDSMAN_NAMES, referralBodiesOf } from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type FieldProblem,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { toActionView } from '../action-plan/action-plan.service';
import { recordStaffEvent } from '../case-file/staff-event';
import { ownedActions } from '../monitoring/review-actions';
import type { OmbudsmanReferralDto, RecordDecisionDto, RecordReferralDto } from './ombudsman-referral.dto';

const refused = (detail: string) =>
  new ProblemException({ status: 409, title: 'Command refused', detail, rule: 'R-RESP-3' });

/**
 * R-RESP-3, regulation 18 (ADR 0031): the referrals of a complaint to the Ombudsman and the bodies' decisions.
 * A decision's recommendations join the action plan (`ombudsman-<n>`), so they are owned, dated, reminded,
 * escalated and done with evidence as every action is; there is no second action system.
 */
@Injectable()
export class OmbudsmanReferralService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(complaint: Complaint): Promise<OmbudsmanReferralDto[]> {
    const referrals = await this.dataSource
      .getRepository(OmbudsmanReferral)
      .find({ where: { complaintReference: complaint.reference }, order: { recordedAt: 'ASC' } });
    const actions = await this.dataSource.getRepository(CaseAction).find({
      where: { complaintReference: complaint.reference, source: 'ombudsman' },
      order: { createdAt: 'ASC', actionKey: 'ASC' },
    });
    return referrals.map((referral) =>
      toView(
        referral,
        actions.filter((action) => action.ombudsmanReferralId === referral.id),
      ),
    );
  }

  async refer(
    complaint: Complaint,
    dto: RecordReferralDto,
    staff: StaffPrincipal,
  ): Promise<OmbudsmanReferralDto> {
    const today = londonDate(new Date());
    const problems: FieldProblem[] = [];
    if (dto.referredOn > today)
      problems.push({ field: 'referredOn', reason: `must not be after today (${today})` });
    else if (dto.referredOn < complaint.receivedOn)
      problems.push({
        field: 'referredOn',
        reason: `must not be before the complaint was received (${complaint.receivedOn})`,
      });
    if (problems.length > 0) throw new RequestValidationException(problems);
    if (complaint.kind === 'feedback' || complaint.kind === 'pals-enquiry')
      throw refused(`a ${complaint.kind} is not a complaint: there is nothing to take to the Ombudsman`);
    const profile = getProfile(complaint.profileId, complaint.profileVersion);
    const open = referralBodiesOf(profile);
    if (!open.includes(dto.body))
      throw refused(
        `the ${OMBUDSMAN_NAMES[dto.body]} is not open to complaints under ${profile.name}` +
          (open.length ? `: ${open.join(', ')} are` : ': its complaints go elsewhere after the response'),
      );

    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM complaint WHERE id = $1 FOR UPDATE`, [complaint.id]);
      const pending = await manager.getRepository(OmbudsmanReferral).findOneBy({
        complaintReference: complaint.reference,
        body: dto.body,
        decision: IsNull(),
      });
      if (pending)
        throw refused(
          `the complaint is with the ${OMBUDSMAN_NAMES[dto.body]} since ${pending.referredOn}, awaiting its decision`,
        );
      const referral = await manager.save(
        manager.create(OmbudsmanReferral, {
          complaintReference: complaint.reference,
          body: dto.body,
          referredOn: dto.referredOn,
          bodyReference: dto.bodyReference ?? null,
          recordedBy: staff.id,
        }),
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'ombudsman-referral-recorded',
        rule: 'R-RESP-3',
        data: { referralId: referral.id, body: referral.body, referredOn: referral.referredOn },
      });
      return toView(referral, []);
    });
  }

  async decide(
    complaint: Complaint,
    referralId: string,
    dto: RecordDecisionDto,
    staff: StaffPrincipal,
  ): Promise<OmbudsmanReferralDto> {
    const referral = await this.dataSource
      .getRepository(OmbudsmanReferral)
      .findOneBy({ id: referralId, complaintReference: complaint.reference });
    if (!referral)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no referral ${referralId} to the Ombudsman on ${complaint.reference}`,
      });
    const today = londonDate(new Date());
    const recommendations = dto.recommendations ?? [];
    const problems: FieldProblem[] = [];
    if (dto.decidedOn > today)
      problems.push({ field: 'decidedOn', reason: `must not be after today (${today})` });
    else if (dto.decidedOn < referral.referredOn)
      problems.push({
        field: 'decidedOn',
        reason: `must not be before the referral (referredOn ${referral.referredOn})`,
      });
    if (dto.decision === 'not-investigated' && recommendations.length > 0)
      problems.push({
        field: 'recommendations',
        reason: 'a complaint the body did not investigate has no recommendations',
      });
    if (problems.length > 0) throw new RequestValidationException(problems);
    const actions = await ownedActions(this.dataSource, complaint.organisationCode, recommendations);

    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM complaint WHERE id = $1 FOR UPDATE`, [complaint.id]);
      const decidedAt = new Date();
      const decided = await manager.update(
        OmbudsmanReferral,
        { id: referral.id, decision: IsNull() },
        {
          decision: dto.decision,
          decidedOn: dto.decidedOn,
          decisionRecordedBy: staff.id,
          decisionRecordedAt: decidedAt,
        },
      );
      if (!decided.affected) {
        const earlier = await manager.getRepository(OmbudsmanReferral).findOneByOrFail({ id: referral.id });
        throw refused(
          `the ${OMBUDSMAN_NAMES[referral.body]}'s decision (${earlier.decision}, ${earlier.decidedOn}) is already recorded`,
        );
      }
      const numbered = await manager.count(CaseAction, {
        where: { complaintReference: complaint.reference, source: 'ombudsman' },
      });
      const added = await manager.save(
        actions.map((action, index) =>
          manager.create(CaseAction, {
            complaintReference: complaint.reference,
            actionKey: `ombudsman-${numbered + index + 1}`,
            source: 'ombudsman',
            ombudsmanReferralId: referral.id,
            description: action.description,
            ownerId: action.ownerId,
            due: action.due,
            createdBy: staff.id,
          }),
        ),
      );
      // R-INT-8: an action's owner may open the case it belongs to.
      await nameToCaseTeam(
        manager,
        { complaintId: complaint.id, namedIn: `ombudsman:${referral.id}`, namedBy: staff.id },
        'contributor',
        added.map((action) => action.ownerId),
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'ombudsman-decision-recorded',
        rule: 'R-RESP-3',
        data: {
          referralId: referral.id,
          body: referral.body,
          decision: dto.decision,
          decidedOn: dto.decidedOn,
          actions: added.map((action) => action.actionKey),
        },
      });
      return toView(
        {
          ...referral,
          decision: dto.decision,
          decidedOn: dto.decidedOn,
          decisionRecordedBy: staff.id,
          decisionRecordedAt: decidedAt,
        },
        added,
      );
    });
  }
}

function toView(referral: OmbudsmanReferral, actions: CaseAction[]): OmbudsmanReferralDto {
  return {
    id: referral.id,
    body: referral.body,
    referredOn: referral.referredOn,
    bodyReference: referral.bodyReference,
    recordedBy: referral.recordedBy,
    recordedAt: referral.recordedAt.toISOString(),
    decision: referral.decision,
    decidedOn: referral.decidedOn,
    decisionRecordedBy: referral.decisionRecordedBy,
    recommendations: actions.map(toActionView),
  };
}
