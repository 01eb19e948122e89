import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { Organisation, type Complaint } from '@complaints/db';
import {
  createWorkingDayCalendar,
  describeDeadline,
  explainDeadline,
  getProfile,
  profileRef,
  type Deadline,
  type LocalDate,
  type Pause,
} from '@complaints/domain';
import { DATA_SOURCE, TEMPORAL_CLIENT } from '@complaints/service-kit';
import { processStateQuery, type ComplaintProcessState } from '@complaints/workflows/messages';

export interface DeadlineExplanation {
  name: 'acknowledgement' | 'earlyResolution' | 'finalResponse';
  rule: string;
  profile: { id: string; version: number };
  basis: string;
  start: LocalDate | null;
  amount: number | null;
  calendar: string;
  pauses: readonly Pause[];
  extensions: readonly unknown[];
  due: LocalDate | null;
  /** One sentence: the rule, profile version, calendar, start, pauses, extensions and the due date. */
  explanation: string;
}

const fromDeadline = (name: DeadlineExplanation['name'], deadline: Deadline): DeadlineExplanation => ({
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
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async explain(complaint: Complaint): Promise<DeadlineExplanation[]> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ code: complaint.organisationCode });
    const profile = getProfile(complaint.profileId, complaint.profileVersion);
    const calendar = createWorkingDayCalendar({
      nation: organisation.nation,
      closureDays: organisation.closureDays,
    });
    const state = await this.temporal.workflow
      .getHandle(complaint.reference)
      .query(processStateQuery)
      .catch((): ComplaintProcessState | null => null);
    const common = { profile: profileRef(profile), start: complaint.receivedOn, calendar };
    const explanations: DeadlineExplanation[] = [];

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
    if (state?.closerLook) {
      const pauses = (state.pauses ?? []).map(({ start, end }) => ({ start, end }));
      const timescale = profile.responseTimescale;
      if (timescale.kind === 'agreed-per-case') {
        const due = state.closerLook.due;
        explanations.push({
          name: 'finalResponse',
          rule: 'R-INV-4',
          profile: common.profile,
          basis: state.closerLook.basis,
          start: null,
          amount: null,
          calendar: calendar.describe(),
          pauses,
          extensions: [],
          due,
          explanation: `R-INV-4 (${profile.id} v${profile.version}): timescale agreed with the person per case; calendar: ${calendar.describe()}; ${
            due ? `due ${due}` : 'no due date until one is agreed, or while the clock is paused'
          }`,
        });
      } else {
        const amount = timescale.kind === 'working-days' ? timescale.newComplaint : timescale.months;
        const deadline = explainDeadline({
          ...common,
          rule: 'R-INV-4',
          basis: timescale.kind,
          amount,
          pauses,
        });
        explanations.push(fromDeadline('finalResponse', deadline));
      }
    }
    return explanations;
  }
}
