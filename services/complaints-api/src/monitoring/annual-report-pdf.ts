import { plain, renderPdf, type Block, type ChartBar } from '@complaints/activities/correspondence';
import type { SuppressedCount } from '@complaints/domain';
import { ANNUAL_REPORT_SECTIONS, type AnnualReportSectionId } from './annual-report-narrative';
import type { AnnualNarrativeDto, AnnualReportDto } from './dto/annual-report.dto';

const shown = (count: SuppressedCount | undefined) =>
  count === null || count === undefined ? 'withheld' : String(count);
const label = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' ');
const describe = (bars: ChartBar[], unit = '') =>
  bars.map((bar) => `${bar.label} ${bar.value === null ? 'withheld' : `${bar.value}${unit}`}`).join('; ');
const maxOf = (bars: ChartBar[], floor = 1) =>
  Math.max(floor, ...bars.map((bar) => Math.max(bar.value ?? 0, bar.target ?? 0)));

/** Each section's figures: a chart (vector, with its text alternative) where one helps, and always a table. */
function figuresOf(report: AnnualReportDto, section: AnnualReportSectionId): Block[] {
  switch (section) {
    case 'introduction':
      return [];
    case 'received': {
      const bars = report.received.byQuarter.map((quarter) => ({
        label: quarter.quarter.slice(-2),
        value: quarter.complaints,
      }));
      return [
        {
          kind: 'bar-chart',
          alt: `Bar chart: complaints received by quarter of ${report.year}: ${describe(bars)}.`,
          bars,
          max: maxOf(bars),
        },
        {
          kind: 'table',
          header: ['Quarter', 'Complaints received'],
          rows: [
            ...report.received.byQuarter.map((quarter) => [
              `${quarter.quarter.slice(-2)} (${quarter.from} to ${quarter.to})`,
              shown(quarter.complaints),
            ]),
            ['The year', shown(report.received.complaints)],
          ],
        },
      ];
    }
    case 'well-founded': {
      const { outcomes } = report;
      return [
        {
          kind: 'table',
          header: ['Final responses sent in the year', 'Complaints'],
          rows: [
            ['Upheld', shown(outcomes.upheld)],
            ['Partially upheld', shown(outcomes.partiallyUpheld)],
            ['Well-founded (upheld and partially upheld)', shown(outcomes.wellFounded)],
            ['Not upheld', shown(outcomes.notUpheld)],
            ['All final responses', shown(outcomes.resolved)],
            ['Closed without a final response', shown(outcomes.closedWithoutResponse)],
          ],
        },
      ];
    }
    case 'ombudsman': {
      const { ombudsman } = report;
      return [
        {
          kind: 'table',
          header: ['The Ombudsman', 'Complaints'],
          rows: [
            ['Asked to consider a complaint', shown(ombudsman.referred)],
            ...Object.entries(ombudsman.byBody).map(([body, n]) => [
              `  to the ${body.toUpperCase()}`,
              shown(n),
            ]),
            ['Decisions made', shown(ombudsman.decided)],
            ...Object.entries(ombudsman.byDecision).map(([decision, n]) => [
              `  ${label(decision)}`,
              shown(n),
            ]),
            ['Recommendations (actions of the plans)', shown(ombudsman.recommendations)],
          ],
        },
      ];
    }
    case 'themes': {
      const subjects = Object.entries(report.themes.bySubjectArea).filter(([, n]) => n !== 0);
      const bars = subjects.map(([subject, n]) => ({ label: label(subject), value: n }));
      return [
        ...(bars.length
          ? [
              {
                kind: 'bar-chart' as const,
                alt: `Bar chart: complaints received in ${report.year} by subject: ${describe(bars)}.`,
                bars,
                max: maxOf(bars),
              },
            ]
          : []),
        {
          kind: 'table',
          header: ['Subject', 'Complaints'],
          rows: subjects.length
            ? subjects.map(([subject, n]) => [label(subject), shown(n)])
            : [['No complaints coded by subject', '0']],
        },
        ...(report.themes.alerts.length
          ? [
              {
                kind: 'table' as const,
                header: ['Theme alert', 'Alerts raised'],
                rows: report.themes.alerts.map((theme) => [
                  `${label(theme.subjectArea ?? 'any subject')}, ${label(theme.serviceArea ?? 'any service')}`,
                  String(theme.alerts),
                ]),
              },
            ]
          : []),
      ];
    }
    case 'handling': {
      const targets = report.timeliness.map((target) => ({
        name: `${label(target.caseType)}: ${target.percent}% within ${target.within.amount} ${target.within.basis.replace('-', ' ')}`,
        target,
      }));
      const bars = targets.map(({ name, target }) => ({
        label: name,
        value: target.sharePercent,
        target: target.percent,
      }));
      return [
        ...(bars.length
          ? [
              {
                kind: 'bar-chart' as const,
                alt: `Bar chart: timeliness of final responses against each target (the target marked on each bar): ${describe(bars, '%')}.`,
                bars,
                max: 100,
                unit: '%',
              },
            ]
          : []),
        {
          kind: 'table',
          header: ['Target', 'Met', 'Missed', 'Share'],
          rows: targets.map(({ name, target }) => [
            name,
            shown(target.met),
            shown(target.missed),
            target.sharePercent === null ? '–' : `${target.sharePercent}%`,
          ]),
        },
        {
          kind: 'table',
          header: ['Handling issue', 'Complaints'],
          rows: [
            ['Acknowledgement late (R-ACK-1)', shown(report.handling.acknowledgementsLate)],
            ['Another deadline of the procedure missed', shown(report.handling.deadlinesMissed)],
            ['Six months without a final response (R-INV-7)', shown(report.handling.sixMonthLetters)],
          ],
        },
      ];
    }
    case 'changes': {
      const { changes } = report;
      return [
        {
          kind: 'table',
          header: ['Changes', 'Number'],
          rows: [
            ['Actions completed', shown(changes.actionsCompleted)],
            ...Object.entries(changes.bySource).map(([source, n]) => [`  ${label(source)}`, shown(n)]),
            ['Learning points recorded', shown(changes.learningRecorded)],
          ],
        },
        ...(changes.weDid.length
          ? [
              {
                kind: 'list' as const,
                ordered: false,
                items: changes.weDid.map((wording) => [plain(wording)]),
              },
            ]
          : []),
      ];
    }
  }
}

const when = (at: string) => at.slice(0, 10);

/**
 * The annual report as a tagged PDF (structure tree, language, title): the narrative of the version given, each
 * section with its figures in a table and, for volumes, subjects and timeliness, a vector chart with its text
 * alternative. A version not yet published says it is a draft.
 */
export function renderAnnualReportPdf(
  report: AnnualReportDto,
  narrative: AnnualNarrativeDto,
  createdAt: Date,
): Promise<Buffer> {
  const status = narrative.publication
    ? `Published on ${when(narrative.publication.at)}, approved by the complaints manager on ${when(narrative.managerApproval!.at)} and by the Responsible Person on ${when(narrative.responsiblePersonApproval!.at)}.`
    : `Draft, version ${narrative.version}: not approved for publication.`;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, runs: [plain(`Annual complaints report ${report.year}`)] },
    { kind: 'paragraph', runs: [plain(report.name)] },
    { kind: 'paragraph', runs: [plain(status)] },
  ];
  for (const section of ANNUAL_REPORT_SECTIONS) {
    blocks.push({ kind: 'heading', level: 2, runs: [plain(section.title)] });
    for (const paragraph of (narrative.sections[section.id] ?? '').split(/\n\s*\n/))
      if (paragraph.trim()) blocks.push({ kind: 'paragraph', runs: [plain(paragraph.trim())] });
    blocks.push(...figuresOf(report, section.id));
  }
  return renderPdf({
    title: `${report.name}: annual complaints report ${report.year}`,
    author: report.name,
    createdAt,
    footerLabel: `Annual complaints report ${report.year}${narrative.publication ? '' : ' (draft)'}`,
    sections: [{ blocks }],
  });
}
