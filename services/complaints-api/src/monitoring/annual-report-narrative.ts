import { OMBUDSMAN_NAMES, type SuppressedCount } from '@complaints/domain';
import type { AnnualReportDto } from './dto/annual-report.dto';

/** The narrative sections of the annual report, in order, with their headings. */
export const ANNUAL_REPORT_SECTIONS = [
  { id: 'introduction', title: 'About this report' },
  { id: 'received', title: 'Complaints received' },
  { id: 'well-founded', title: 'Complaints that were well-founded' },
  { id: 'ombudsman', title: 'Complaints the Ombudsman was asked to consider' },
  { id: 'themes', title: 'What complaints were about' },
  { id: 'handling', title: 'How we handled complaints' },
  { id: 'changes', title: 'What we changed because of complaints' },
] as const;
export type AnnualReportSectionId = (typeof ANNUAL_REPORT_SECTIONS)[number]['id'];

const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

const label = (code: string) => code.replaceAll('-', ' ');

/**
 * The system's draft of each section, written from the figures as they are shown, so the words withhold what the
 * figures withhold: a withheld count reads "a small number".
 */
export function draftNarrative(report: AnnualReportDto): Record<AnnualReportSectionId, string> {
  const n = (count: SuppressedCount, one: string, many = `${one}s`) =>
    count === null ? `a small number of ${many}` : `${count} ${count === 1 ? one : many}`;
  const { received, outcomes, ombudsman, themes, handling, changes } = report;

  const busiest = received.byQuarter
    .filter((quarter) => quarter.complaints !== null && quarter.complaints > 0)
    .sort((a, b) => b.complaints! - a.complaints! || a.quarter.localeCompare(b.quarter))[0];
  const subjects = Object.entries(themes.bySubjectArea)
    .filter(
      (entry): entry is [string, number] => entry[1] !== null && entry[1] > 0 && entry[0] !== 'not-coded',
    )
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 3);
  const timeliness = report.timeliness
    .filter((target) => target.sharePercent !== null)
    .map(
      (target) =>
        `${target.sharePercent}% of responses to ${label(target.caseType)} complaints were sent within ${target.within.amount} ${label(target.within.basis)} (target ${target.percent}%)`,
    );
  const bodies = Object.entries(ombudsman.byBody)
    .filter(([, count]) => count !== 0)
    .map(
      ([body, count]) =>
        `${OMBUDSMAN_NAMES[body as keyof typeof OMBUDSMAN_NAMES]}: ${count ?? 'a small number'}`,
    );

  return {
    introduction: `This is ${report.name}'s annual report on complaints for ${report.year}, from ${longDate(report.from)} to ${longDate(report.to)}, as regulation 18 of the Local Authority Social Services and National Health Service Complaints (England) Regulations 2009 requires. ${report.counting} Counts below ${report.suppressedBelow} are withheld so that no one can be identified.`,
    received:
      `We received ${n(received.complaints, 'complaint')} in the year.` +
      (busiest ? ` The most were received in ${busiest.quarter.slice(-2)} (${busiest.complaints}).` : ''),
    'well-founded':
      `We sent a final response to ${n(outcomes.resolved, 'complaint')}. ` +
      `${n(outcomes.wellFounded, 'complaint was', 'complaints were')} well-founded: ${n(outcomes.upheld, 'was', 'were')} upheld and ${n(outcomes.partiallyUpheld, 'was', 'were')} partially upheld; ${n(outcomes.notUpheld, 'was', 'were')} not upheld. ` +
      `${n(outcomes.closedWithoutResponse, 'complaint was', 'complaints were')} resolved or closed without a final response.`,
    ombudsman:
      `${n(ombudsman.referred, 'person', 'people')} asked the Ombudsman to consider their complaint` +
      (bodies.length ? ` (${bodies.join('; ')}).` : '.') +
      ` The Ombudsman made ${n(ombudsman.decided, 'decision')} in the year, with ${n(ombudsman.recommendations, 'recommendation')}, each followed as an action of the complaint's action plan.`,
    themes:
      (subjects.length
        ? `The subjects complained about most were ${subjects.map(([subject, count]) => `${label(subject)} (${count})`).join(', ')}.`
        : 'No subject was complained about often enough to be shown.') +
      (themes.alerts.length
        ? ` Our theme alerts were raised ${themes.alerts.reduce((sum, theme) => sum + theme.alerts, 0)} times, and each was reviewed by the complaints manager.`
        : ''),
    handling:
      (timeliness.length ? `${timeliness.join('; ')}. ` : '') +
      `${n(handling.acknowledgementsLate, 'acknowledgement was', 'acknowledgements were')} late, ${n(handling.deadlinesMissed, 'complaint', 'complaints')} missed another deadline of our procedure, and ${n(handling.sixMonthLetters, 'complaint', 'complaints')} reached six months without a final response, when we wrote to explain the delay.`,
    changes:
      `We completed ${n(changes.actionsCompleted, 'action')} of our complaints' action plans and recorded ${n(changes.learningRecorded, 'learning point')}.` +
      (changes.weDid.length ? ` Among the changes: ${changes.weDid.join('; ')}.` : ''),
  };
}
