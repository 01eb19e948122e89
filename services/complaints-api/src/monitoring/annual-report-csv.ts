import type { AnnualReportDto } from './dto/annual-report.dto';

const cell = (value: string | number | null) => {
  const text = value === null ? 'withheld' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The annual report's figures as CSV, one row per figure (`organisation,year,section,item,value`), the same
 * figures as the readable report: a withheld count reads `withheld`.
 */
export function annualReportCsv(report: AnnualReportDto): string {
  const rows: (string | number | null)[][] = [['organisation', 'year', 'section', 'item', 'value']];
  const add = (section: string, item: string, value: string | number | null) =>
    rows.push([report.organisation, report.year, section, item, value]);
  add('received', 'complaints', report.received.complaints);
  for (const quarter of report.received.byQuarter) add('received', quarter.quarter, quarter.complaints);
  for (const [item, value] of Object.entries(report.outcomes)) add('outcomes', item, value);
  for (const target of report.timeliness) {
    const item = `${target.caseType} within ${target.within.amount} ${target.within.basis} (target ${target.percent}%)`;
    add('timeliness', `${item} met`, target.met);
    add('timeliness', `${item} missed`, target.missed);
    add('timeliness', `${item} share %`, target.sharePercent);
  }
  add('ombudsman', 'referred', report.ombudsman.referred);
  for (const [body, value] of Object.entries(report.ombudsman.byBody))
    add('ombudsman', `referred to ${body}`, value);
  add('ombudsman', 'decided', report.ombudsman.decided);
  for (const [decision, value] of Object.entries(report.ombudsman.byDecision))
    add('ombudsman', `decided ${decision}`, value);
  add('ombudsman', 'recommendations', report.ombudsman.recommendations);
  for (const [subject, value] of Object.entries(report.themes.bySubjectArea)) add('subjects', subject, value);
  for (const theme of report.themes.alerts)
    add(
      'theme alerts',
      `${theme.subjectArea ?? 'any subject'} / ${theme.serviceArea ?? 'any service'}`,
      theme.alerts,
    );
  for (const [item, value] of Object.entries(report.handling)) add('handling', item, value);
  add('changes', 'actionsCompleted', report.changes.actionsCompleted);
  for (const [source, value] of Object.entries(report.changes.bySource))
    add('changes', `completed ${source}`, value);
  add('changes', 'learningRecorded', report.changes.learningRecorded);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
