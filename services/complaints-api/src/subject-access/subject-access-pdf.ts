import { bold, plain, renderPdf, type Block, type PdfSection } from '@complaints/activities/correspondence';
import type { SubjectAccessComplaintDto, SubjectAccessExportDto } from './dto/subject-access.dto';

const field = (label: string, value: string | null | undefined): Block[] =>
  value ? [{ kind: 'paragraph', runs: [bold(`${label}: `), plain(value)] }] : [];

const json = (value: unknown) => JSON.stringify(value, null, 1);

/** The export as a tagged A4 PDF, one section per complaint, laid out by the letters' own layout. */
export function subjectAccessPdf(record: SubjectAccessExportDto): Promise<Buffer> {
  const cover: PdfSection = {
    blocks: [
      { kind: 'heading', level: 1, runs: [plain('Subject access: what we hold about you')] },
      ...field('Organisation', record.organisation),
      ...field('Produced', record.producedAt),
      ...field('Complaints found', String(record.complaints.length)),
      {
        kind: 'list',
        ordered: false,
        items: record.complaints.map((complaint) => [
          plain(`${complaint.reference}, received ${complaint.receivedOn}`),
        ]),
      },
    ],
  };
  return renderPdf({
    title: `Subject access export, ${record.organisation}`,
    author: record.organisation,
    createdAt: new Date(record.producedAt),
    footerLabel: 'Subject access export',
    sections: [cover, ...record.complaints.map(complaintSection)],
  });
}

function complaintSection(complaint: SubjectAccessComplaintDto): PdfSection {
  const list = (items: string[]): Block[] =>
    items.length > 0 ? [{ kind: 'list', ordered: false, items: items.map((item) => [plain(item)]) }] : [];
  const heading = (text: string): Block => ({ kind: 'heading', level: 2, runs: [plain(text)] });
  return {
    blocks: [
      { kind: 'heading', level: 1, runs: [plain(`Complaint ${complaint.reference}`)] },
      ...field('Received', `${complaint.receivedOn} (${complaint.kind}, by ${complaint.channel})`),
      ...field('Stage', complaint.stage),
      ...field('Named as', complaint.asRoles.join(', ')),
      ...field('Outcome sought', complaint.outcomeSought),
      ...field('Adjustments', complaint.adjustmentsNote),
      ...field('Early resolution summary', complaint.earlyResolutionSummary),
      heading('Your details'),
      ...complaint.parties.flatMap((party) => [
        ...field('Name', party.name),
        ...field('Date of birth', party.dateOfBirth),
        ...field('Email', party.email),
        ...field('Telephone', party.phone),
        ...field('Address', party.address && [...party.address.lines, party.address.postcode].join(', ')),
      ]),
      heading('The issues, in your words'),
      ...list(complaint.issues),
      heading('Timeline'),
      ...list(
        complaint.timeline.map(
          (event) => `${event.occurredAt} ${event.type}${event.rule ? ` (${event.rule})` : ''}`,
        ),
      ),
      ...(complaint.finalResponseVersions.length > 0
        ? [
            heading('Final response versions'),
            ...list(complaint.finalResponseVersions.map((v) => `Version ${v.version}: ${json(v.content)}`)),
          ]
        : []),
      ...(complaint.investigationPlanVersions.length > 0
        ? [
            heading('Plan versions'),
            ...list(
              complaint.investigationPlanVersions.map((v) => `Version ${v.version}: ${json(v.content)}`),
            ),
          ]
        : []),
      ...(complaint.equalityMonitoring
        ? [
            heading('Equality monitoring answers'),
            ...list(Object.entries(complaint.equalityMonitoring).map(([q, a]) => `${q}: ${a}`)),
          ]
        : []),
      ...(complaint.contactRestrictions.length > 0
        ? [
            heading('Limits on contact'),
            ...list(
              complaint.contactRestrictions.map(
                (r) => `${r.status}: ${r.limits.join(', ')} (review ${r.reviewOn})`,
              ),
            ),
          ]
        : []),
      heading('Letters and emails'),
      ...complaint.correspondence.flatMap((item): Block[] => [
        { kind: 'heading', level: 3, runs: [plain(`${item.subject} (${item.channel}, ${item.status})`)] },
        ...field('To', item.recipient),
        { kind: 'paragraph', runs: [plain(item.text)] },
      ]),
    ],
  };
}
