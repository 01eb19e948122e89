import {
  bold,
  formatLongDate,
  htmlToBlocks,
  plain,
  type Block,
  type PdfDocumentInput,
  type PdfSection,
  type TextRun,
} from '@complaints/activities/correspondence';
import type { CaseEvent, Correspondence } from '@complaints/db';
import { sentOrQueuedAt, type OmbudsmanPackRecord } from './ombudsman-pack-record';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

/** "2 March 2099 at 10:15", in London time (procedure §0). */
const formatDateTime = (instant: Date) => dateTime.format(instant);

/** `acknowledgement-clock-started` → "Acknowledgement clock started"; `finalResponseVersion` → "final response version". */
function words(name: string): string {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const field = (label: string, value: string): Block => ({
  kind: 'paragraph',
  runs: [bold(`${label}: `), plain(value)],
});

/**
 * The complaint's file for the Ombudsman (issue #5): a cover page; the complaint as recorded and its case
 * timeline; then every letter and email in the order they went, each from a new page with what was sent
 * when, how and to whom, and its content laid out from the stored HTML by the letters' own layout.
 */
export function ombudsmanPack(record: OmbudsmanPackRecord, producedAt: Date): PdfDocumentInput {
  const { complaint, organisation } = record;
  return {
    title: `Complaint ${complaint.reference}: file for the Ombudsman`,
    author: organisation.name,
    createdAt: producedAt,
    footerLabel: `${complaint.reference} · file for the Ombudsman`,
    sections: [
      cover(record, producedAt),
      caseTimeline(record),
      ...record.correspondence.map((item, index) =>
        correspondenceSection(item, index + 1, record.correspondence.length),
      ),
    ],
  };
}

function cover(record: OmbudsmanPackRecord, producedAt: Date): PdfSection {
  const { complaint, organisation } = record;
  return {
    blocks: [
      { kind: 'heading', level: 1, runs: [plain('Complaint file for the Ombudsman')] },
      field('Complaint reference', complaint.reference),
      field('Organisation', organisation.name),
      field('Complaint received', formatLongDate(complaint.receivedOn)),
      field('File produced', formatDateTime(producedAt)),
      { kind: 'paragraph', runs: [plain('This file contains, in date order:')] },
      {
        kind: 'list',
        ordered: true,
        items: [
          [plain('the complaint as recorded, with the issues in the complainant’s own words;')],
          [plain(`the case timeline (${count(record.events.length, 'event')});`)],
          [
            plain(
              `every letter and email sent or queued to print (${count(record.correspondence.length, 'item')}), ` +
                'each from a new page with its details and its content as sent.',
            ),
          ],
        ],
      },
    ],
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function caseTimeline(record: OmbudsmanPackRecord): PdfSection {
  const { complaint } = record;
  const complainant = complaint.parties.find((party) => party.role === 'complainant');
  const affected = complaint.parties.find((party) => party.role === 'person-affected');
  const optional = (label: string, value: string | null | undefined) => (value ? [field(label, value)] : []);
  return {
    blocks: [
      { kind: 'heading', level: 1, runs: [plain('The complaint')] },
      field(
        'Received',
        `${formatLongDate(complaint.receivedOn)}, by ${words(complaint.channel).toLowerCase()}`,
      ),
      field('Recorded as', words(complaint.kind).toLowerCase()),
      field('Policy profile', `${complaint.profileId}, version ${complaint.profileVersion}`),
      ...(complaint.anonymous
        ? [field('Complainant', 'anonymous')]
        : optional(
            'Complainant',
            complainant &&
              `${complainant.name}${complainant.relationship ? ` (${words(complainant.relationship).toLowerCase()})` : ''}`,
          )),
      ...optional('Person affected', affected?.name),
      ...optional('Replies by', complaint.replyChannels.join(' and ')),
      ...optional('Accessibility needs', complaint.accessibilityNeeds.join(', ')),
      ...optional('Adjustments', complaint.adjustmentsNote),
      ...optional(
        'Handler',
        complaint.handlerId && (record.staffNames.get(complaint.handlerId) ?? complaint.handlerId),
      ),
      field('Stage now', words(complaint.stage).toLowerCase()),
      ...(complaint.issues.length > 0
        ? [
            {
              kind: 'heading',
              level: 2,
              runs: [plain('The issues, in the complainant’s own words')],
            } as Block,
            {
              kind: 'list',
              ordered: true,
              items: complaint.issues.map((issue) => [plain(issue.description)]),
            } as Block,
          ]
        : []),
      ...(complaint.outcomeSought
        ? [
            { kind: 'heading', level: 2, runs: [plain('The outcome sought')] } as Block,
            { kind: 'paragraph', runs: [plain(complaint.outcomeSought)] } as Block,
          ]
        : []),
      { kind: 'heading', level: 1, runs: [plain('Case timeline')] },
      record.events.length > 0
        ? { kind: 'list', ordered: false, items: record.events.map((event) => timelineEntry(event, record)) }
        : { kind: 'paragraph', runs: [plain('No events are recorded.')] },
    ],
  };
}

/** One event: when, what and under which rule, who, and the facts it recorded. */
function timelineEntry(event: CaseEvent, record: OmbudsmanPackRecord): TextRun[] {
  const actor =
    event.actorType === 'staff'
      ? (record.staffNames.get(event.actorId) ?? event.actorId)
      : `the system (${event.actorId})`;
  const facts = Object.entries(event.data ?? {})
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${words(key).toLowerCase()}: ${describe(value)}`);
  return [
    bold(`${formatDateTime(event.occurredAt)}: ${words(event.type)}`),
    plain(`${event.rule ? ` (${event.rule})` : ''}, by ${actor}.`),
    ...(facts.length > 0 ? [plain(`\n${facts.join('; ')}`)] : []),
  ];
}

function describe(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry !== 'object' || entry === null))
    return value.join(', ');
  return JSON.stringify(value);
}

function correspondenceSection(item: Correspondence, position: number, total: number): PdfSection {
  const letter = item.channel === 'letter';
  return {
    blocks: [
      { kind: 'heading', level: 1, runs: [plain(`Correspondence ${position} of ${total}: ${item.subject}`)] },
      field(letter ? 'Queued to print' : 'Sent', formatDateTime(sentOrQueuedAt(item))),
      field('Channel', letter ? 'letter' : 'email'),
      field('Audience', item.audience),
      field('Recipient', item.recipient.replace(/\n/g, ', ')),
      field('Template', `${item.template}, version ${item.templateVersion}`),
      field('Subject', item.subject),
      ...htmlToBlocks(item.html),
    ],
  };
}
