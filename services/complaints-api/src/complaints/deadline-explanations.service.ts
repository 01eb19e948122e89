import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Organisation, type Complaint } from '@complaints/db';
import {
  createWorkingDayCalendar,
  describeDeadline,
  explainDeadline,
  finalResponseDeadline,
  getProfile,
  profileRef,
  type Deadline,
  type PolicyProfile,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { DATA_SOURCE } from '@complaints/service-kit';
import { processStateQuery, type ComplaintProcessState } from '@complaints/workflows/messages';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { DeadlineExplanationDto } from './dto/deadline-explanation.dto';

const fromDeadline = (name: DeadlineExplanationDto['name'], deadline: Deadline): DeadlineExplanationDto => ({
  name,
  rule: deadline.rule,
  profile: deadline.profile,
  basis: deadline.basis,
  start: deadline.start,
  amount: deadline.amount,
  calendar: deadline.calendar,
  pauses: deadline.pauses,
  extensions: deadline.extensions,
  due: deadline.due,
  explanation: describeDeadline(deadline),
});

/**
 * Each deadline of a complaint explains itself (issue: clocks that move correctly): recomputed by the
 * domain from the pinned profile, the organisation's calendar, and the pauses and extensions the
 * workflow holds — the same functions the workflow uses, so the two agree.
 */
@Injectable()
export class DeadlineExplanationsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: ProcedureCommands,
  ) {}

  async explain(complaint: Complaint): Promise<DeadlineExplanationDto[]> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ code: complaint.organisationCode });
    const profile = getProfile(complaint.profileId, complaint.profileVersion);
    const calendar = createWorkingDayCalendar({
      nation: organisation.nation,
      closureDays: organisation.closureDays,
    });
    const state = await this.commands.read(complaint, processStateQuery);
    const common = { profile: profileRef(profile), start: complaint.receivedOn, calendar };
    const explanations: DeadlineExplanationDto[] = [];

    const quick = state?.quickRoute;
    if (quick && quick.outcome === undefined && 'workingDays' in profile.quickRoute) {
      const deadline = explainDeadline({
        ...common,
        rule: 'R-QUICK-1',
        basis: 'working-days',
        amount: profile.quickRoute.workingDays,
      });
      explanations.push(fromDeadline('quickResolution', deadline));
    }
    if (complaint.deadlines.acknowledgement) {
      const deadline = explainDeadline({
        ...common,
        rule: 'R-ACK-1',
        basis: 'working-days',
        amount: profile.acknowledgement.workingDays,
      });
      explanations.push(fromDeadline('acknowledgement', deadline));
    }
    if (state?.earlyResolution && profile.earlyResolution) {
      const extensions = state.earlyResolution.extensions.map((e) => ({
        kind: 'new-date' as const,
        agreedOn: e.agreedOn,
        due: e.to,
      }));
      const deadline = explainDeadline({
        ...common,
        rule: 'R-ER-1',
        basis: 'working-days',
        amount: profile.earlyResolution.aimWorkingDays,
        extensions,
      });
      explanations.push(fromDeadline('earlyResolution', deadline));
    }
    if (state?.closerLook) explanations.push(explainFinalResponse(state, profile, calendar, complaint));
    return explanations;
  }
}

/**
 * The final-response deadline of the current round (R-INV-4, R-REOPEN-1 or R-STAGE2-1), as the workflow's
 * clock computes it: the same domain function, from the facts the workflow holds.
 */
function explainFinalResponse(
  state: ComplaintProcessState,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  complaint: Complaint,
): DeadlineExplanationDto {
  const closer = state.closerLook!;
  const round = state.round ?? { number: 1, kind: 'first' as const, startedOn: complaint.receivedOn };
  const deadline = finalResponseDeadline(
    profile,
    {
      round,
      basis: closer.basis,
      agreed: closer.agreed,
      extensions: closer.extensions,
      pauses: state.pauses ?? [],
    },
    calendar,
  );
  return { name: 'finalResponse', ...deadline };
}
