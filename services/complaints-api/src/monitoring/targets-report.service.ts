import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Organisation, recordAccess, type AccessRequest } from '@complaints/db';
import {
  addCalendarDays,
  createWorkingDayCalendar,
  daysToRespond,
  getProfile,
  londonDate,
  standingAgainst,
  suppressGroup,
  targetAppliesTo,
  type Complexity,
  type LocalDate,
  type MonitoringTarget,
  type Pause,
  type ProfileId,
  type ResponseRound,
  type TargetStanding,
} from '@complaints/domain';
import { DATA_SOURCE, type StaffPrincipal } from '@complaints/service-kit';
import type { TargetReportDto, TargetStandingDto } from './dto/targets.dto';
import { DISCLOSURE_CONTROL, type DisclosureControl, refuseNarrowPeriod } from './monitoring-report.service';

interface ComplaintRow {
  id: string;
  reference: string;
  received_on: string;
  profile_id: ProfileId;
  profile_version: number;
  complexity: Complexity | null;
  closed: boolean;
  joint: boolean;
}

interface EventRow {
  complaint_id: string;
  type: string;
  occurred_at: Date;
  data: { to?: string };
}

/** A target and the references of the rounds in each standing. */
export interface TargetAssessment {
  target: MonitoringTarget;
  standings: Map<TargetStanding, string[]>;
}

/** A round as the targets see it, with the complaint it belongs to. */
export interface CountedRound extends ResponseRound {
  reference: string;
  profile: { id: ProfileId; version: number };
}

const ROUND_EVENTS = [
  'reopened',
  'stage-two-requested',
  'clock-paused',
  'clock-resumed',
  'final-response-extended',
  'final-response-sent',
];

const targetKey = (target: MonitoringTarget) =>
  `${target.caseType}:${target.percent}:${target.within.amount}-${target.within.basis}:${target.unlessExtendedByAgreement}`;

/**
 * R-MON-2: each final response of the complaints received in a period against the targets of the profile the
 * complaint is pinned to, counted by §0 (working days strictly after the start, paused days moved out, months
 * clamped), with extensions counted only where the policy allows. A round closed without a final response
 * (resolved early, withdrawn) is not in any target; one still open counts as missed once its date has passed.
 */
@Injectable()
export class TargetsReportService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DISCLOSURE_CONTROL) private readonly control: DisclosureControl,
  ) {}

  async report(
    staff: StaffPrincipal,
    from: string,
    to: string,
    access: AccessRequest,
  ): Promise<TargetReportDto> {
    refuseNarrowPeriod(from, to);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ code: staff.organisationCode });
    const today = londonDate(new Date());
    const { targets, rounds } = await this.assess(organisation, from, to, today);
    const { threshold } = this.control;
    const listsCases = staff.roles.includes('complaints-manager');
    const standings = targets.map((assessment) => summarise(assessment, threshold, listsCases));
    if (listsCases)
      await recordAccess(this.dataSource.manager, access, {
        complaintReference: null,
        outcome: 'allowed',
        basis: 'complaints-manager',
        purpose: null,
        references: [...new Set(standings.flatMap((standing) => standing.missedCases ?? []))].sort(),
      });

    const days = rounds
      .filter((round) => round.kind === 'first')
      .map(daysToRespond)
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    const durationsShown = days.length >= threshold;
    return {
      organisation: organisation.code,
      from,
      to,
      asOf: today,
      suppressedBelow: threshold,
      targets: standings,
      firstResponses: {
        count: durationsShown || days.length === 0 ? days.length : null,
        medianDays: durationsShown ? percentile(days, 50) : null,
        ninetiethPercentileDays: durationsShown ? percentile(days, 90) : null,
      },
    };
  }

  /**
   * Every target of the organisation's profile (and of any earlier version a complaint is pinned to) with the
   * references of the period's rounds in each standing on `today`.
   */
  async assess(
    organisation: Organisation,
    from: string,
    to: string,
    today: LocalDate,
  ): Promise<{ targets: TargetAssessment[]; rounds: CountedRound[] }> {
    const calendar = createWorkingDayCalendar({
      nation: organisation.nation,
      closureDays: organisation.closureDays,
    });
    const rounds = await this.rounds(organisation.code, from, to);
    const targets = new Map<string, TargetAssessment>();
    const entryFor = (target: MonitoringTarget) => {
      const key = targetKey(target);
      if (!targets.has(key)) targets.set(key, { target, standings: new Map() });
      return targets.get(key)!;
    };
    // The organisation's current targets are listed even when no complaint reached them.
    for (const target of getProfile(organisation.profileId, organisation.profileVersion).monitoringTargets)
      entryFor(target);
    for (const round of rounds) {
      for (const target of getProfile(round.profile.id, round.profile.version).monitoringTargets) {
        if (!targetAppliesTo(target, round)) continue;
        const { standings } = entryFor(target);
        const standing = standingAgainst(target, round, today, calendar);
        standings.set(standing, [...(standings.get(standing) ?? []), round.reference]);
      }
    }
    return { targets: [...targets.values()], rounds };
  }

  /** Every response round of the complaints received in the period, from the case timeline. */
  private async rounds(organisation: string, from: string, to: string): Promise<CountedRound[]> {
    const complaints: ComplaintRow[] = await this.dataSource.query(
      `SELECT c.id, c.reference, c.received_on::text AS received_on, c.profile_id, c.profile_version, c.complexity,
              c.closed_at IS NOT NULL AS closed,
              EXISTS (SELECT 1 FROM joint_case j WHERE j.complaint_id = c.id) AS joint
         FROM complaint c
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3
          AND c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'
        ORDER BY c.reference`,
      [organisation, from, to],
    );
    const events: EventRow[] = complaints.length
      ? await this.dataSource.query(
          `SELECT complaint_id, type, occurred_at, data FROM case_event
            WHERE complaint_id = ANY($1) AND type = ANY($2) ORDER BY complaint_id, occurred_at, id`,
          [complaints.map((c) => c.id), ROUND_EVENTS],
        )
      : [];
    const eventsOf = new Map<string, EventRow[]>();
    for (const event of events)
      eventsOf.set(event.complaint_id, [...(eventsOf.get(event.complaint_id) ?? []), event]);
    return complaints.flatMap((complaint) => roundsOf(complaint, eventsOf.get(complaint.id) ?? []));
  }
}

/** Walks a complaint's timeline into its rounds; a stage-two review is outside R-MON-2's targets. */
function roundsOf(complaint: ComplaintRow, events: EventRow[]): CountedRound[] {
  const rounds: (CountedRound & { stageTwo?: boolean; pauses: Pause[] })[] = [];
  const begin = (kind: ResponseRound['kind'], startOn: LocalDate, stageTwo = false) =>
    rounds.push({
      kind,
      startOn,
      sentOn: null,
      pauses: [],
      extendedTo: null,
      complexity: complaint.complexity,
      joint: complaint.joint,
      reference: complaint.reference,
      profile: { id: complaint.profile_id, version: complaint.profile_version },
      stageTwo,
    });
  begin('first', complaint.received_on);
  for (const event of events) {
    const on = londonDate(event.occurred_at);
    const current = rounds[rounds.length - 1];
    if (event.type === 'reopened') begin('reopened', on);
    else if (event.type === 'stage-two-requested') begin('reopened', on, true);
    else if (event.type === 'clock-paused') current.pauses.push({ start: on, end: null });
    else if (event.type === 'clock-resumed') {
      const open = current.pauses.find((pause) => pause.end === null);
      // As the workflow counts it: the day the clock resumes counts again.
      if (open) open.end = addCalendarDays(on, -1);
      if (open && open.end! < open.start) current.pauses.splice(current.pauses.indexOf(open), 1);
    } else if (event.type === 'final-response-extended' && typeof event.data.to === 'string')
      current.extendedTo = event.data.to;
    else if (event.type === 'final-response-sent' && current.sentOn === null) current.sentOn = on;
  }
  // A round closed without a response (resolved early, withdrawn) has nothing to measure.
  const last = rounds[rounds.length - 1];
  return rounds.filter(
    (round) => !round.stageTwo && (round.sentOn !== null || (round === last && !complaint.closed)),
  );
}

/** A target's counts, suppressed as one group (ADR 0016); the share only where met and missed both show. */
export function summarise(
  { target, standings }: TargetAssessment,
  threshold: number,
  listsCases: boolean,
): TargetStandingDto {
  const count = (standing: TargetStanding) => standings.get(standing)?.length ?? 0;
  const counts = suppressGroup(
    {
      met: count('met'),
      missed: count('missed'),
      pending: count('pending'),
      notAssessed: count('not-assessed'),
    },
    threshold,
  );
  const denominator = counts.met !== null && counts.missed !== null ? counts.met + counts.missed : null;
  const share = denominator ? Math.round((counts.met! / denominator) * 1000) / 10 : null;
  return {
    caseType: target.caseType,
    percent: target.percent,
    within: target.within,
    unlessExtendedByAgreement: target.unlessExtendedByAgreement,
    met: counts.met,
    missed: counts.missed,
    pending: counts.pending,
    notAssessed: counts.notAssessed,
    denominator,
    sharePercent: share,
    achieved: share === null ? null : share >= target.percent,
    ...(listsCases ? { missedCases: [...new Set(standings.get('missed') ?? [])].sort() } : {}),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
