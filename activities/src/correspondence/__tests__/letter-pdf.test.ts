// R-INT-2: a letter is stored with its print copy. sendCorrespondence runs against the real test Postgres in a
// real activity Context; each PDF is then read as a person and a screen reader would (pages drawn to PNG, the
// text and where it sits, the tags) by pdf.js in @complaints/testing.
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Complaint, Correspondence, seedDemoData } from '@complaints/db';
import {
  openTestDataSource,
  readPdf,
  uniqueSuffix,
  type PdfReading,
  type PdfTextItem,
} from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import { createSmtpMailer, type Mailer } from '../mailer';
import { ENVELOPE_WINDOW, mm } from '../pdf';
import {
  createCorrespondenceActivities,
  type CorrespondenceActivities,
} from '../send-correspondence.activity';
import { TemplateRenderer } from '../template-renderer';
import { type AccessibilityNeed, type ReplyChannel } from '@complaints/domain';

jest.setTimeout(30_000);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const window = {
  left: ENVELOPE_WINDOW.left / mm(1),
  top: ENVELOPE_WINDOW.top / mm(1),
  right: (ENVELOPE_WINDOW.left + ENVELOPE_WINDOW.width) / mm(1),
  bottom: (ENVELOPE_WINDOW.top + ENVELOPE_WINDOW.height) / mm(1),
};

let dataSource: DataSource;
let mailer: Mailer;
let activities: CorrespondenceActivities;
const references: string[] = [];

beforeAll(async () => {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) throw new Error('SMTP_URL is not set: run the tests with the README test command');
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  mailer = createSmtpMailer(smtpUrl);
  activities = createCorrespondenceActivities({
    dataSource,
    mailer,
    renderer: new TemplateRenderer(),
    messageIdDomain: 'complaints.test.example',
    defaultFrom: '"NHS complaints" <complaints@test.example>',
  });
});

afterAll(async () => {
  mailer?.close();
  if (dataSource?.isInitialized) {
    await dataSource.query('DELETE FROM correspondence WHERE complaint_reference = ANY($1)', [references]);
    // The acknowledgement's progress links (ADR 0028) go with their complaints.
    await dataSource.query(
      'DELETE FROM access_link WHERE complaint_id IN (SELECT id FROM complaint WHERE reference = ANY($1))',
      [references],
    );
    await dataSource.query('DELETE FROM complaint WHERE reference = ANY($1)', [references]);
    await dataSource.destroy();
  }
});

/** A CWTH complaint (its acknowledgement has a heading and a numbered list) from a person who wants letters. */
async function letterComplaint(
  name: string,
  options: { accessibilityNeeds?: AccessibilityNeed[]; replyChannels?: ReplyChannel[] } = {},
): Promise<string> {
  const reference = `CWTH-2099-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  references.push(reference);
  const complaints = dataSource.getRepository(Complaint);
  await complaints.save(
    complaints.create({
      reference,
      organisationCode: 'CWTH',
      kind: 'complaint',
      channel: 'letter',
      receivedOn: '2099-03-02',
      profileId: 'cwth',
      profileVersion: 1,
      replyChannels: options.replyChannels ?? ['letter'],
      accessibilityNeeds: options.accessibilityNeeds ?? [],
      stage: 'awaiting-acknowledgement',
      createdBy: 'letter-pdf-test',
      parties: [
        {
          role: 'complainant',
          name,
          email: `letter-pdf.${uniqueSuffix()}@example.test`,
          address: { lines: ['12 Acacia Avenue', 'Hatfield'], postcode: 'AL10 9AB' },
          relationship: 'patient',
        },
      ],
      issues: [],
    }),
  );
  return reference;
}

async function acknowledge(reference: string) {
  return activityEnvironment({
    workflowExecution: { workflowId: reference, runId: randomUUID() },
    activityId: '1',
  }).run(activities.sendCorrespondence, {
    reference,
    step: 'acknowledgement-letter',
    template: 'acknowledgement',
    audience: 'complainant',
  });
}

/** The complaint's items, each with its PDF (not loaded by default). */
function itemsWithPdf(reference: string): Promise<Correspondence[]> {
  return dataSource
    .getRepository(Correspondence)
    .createQueryBuilder('item')
    .addSelect('item.pdf')
    .where('item.complaint_reference = :reference', { reference })
    .orderBy('item.channel')
    .getMany();
}

async function letterPdf(reference: string): Promise<Buffer> {
  const letter = (await itemsWithPdf(reference)).find((item) => item.channel === 'letter');
  expect(letter?.pdf).toBeInstanceOf(Buffer);
  return letter!.pdf!;
}

const textOf = (reading: PdfReading) => reading.pages.map((page) => page.text).join('\n');
const itemsOn = (reading: PdfReading, page: number, text: string): PdfTextItem[] =>
  reading.pages[page].items.filter((item) => item.text.includes(text));

describe('a letter’s print copy (R-INT-2)', () => {
  it('is a tagged A4 PDF that reads as the letter, with the address inside the envelope window', async () => {
    const name = 'Łucja <script>alert(1)</script> Nowak';
    const reference = await letterComplaint(name);

    const result = await acknowledge(reference);
    expect(result.items).toEqual([
      { correspondenceId: expect.any(String), channel: 'letter', status: 'sent' },
    ]);
    const [letter] = await itemsWithPdf(reference);
    expect(letter).toMatchObject({ status: 'sent', lastError: null });
    expect(letter.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const reading = await readPdf(letter.pdf!);
    expect(reading.pages.length).toBeGreaterThanOrEqual(1);
    for (const page of reading.pages) {
      expect(page.width).toBeCloseTo(210, 0);
      expect(page.height).toBeCloseTo(297, 0);
      expect([...page.png.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
      // Ink on the page, and not a page of ink: a person would see a letter.
      expect(page.inkRatio).toBeGreaterThan(0.01);
      expect(page.inkRatio).toBeLessThan(0.5);
    }

    const text = textOf(reading);
    expect(text).toContain('Coventry and Warwickshire Training Hub');
    expect(text).toContain(`Dear ${name},`);
    expect(text).toContain(`Our reference: ${reference}`);
    expect(text).toContain('Our complaints procedure');
    expect(text).toContain('Help with your complaint');
    expect(text).toContain('1.');
    expect(text).toContain(`Page 1 of ${reading.pages.length}`);

    // A DL/C5 window: every line of the name and address lies inside it, and nothing else does.
    const addressLines = [name, '12 Acacia Avenue', 'Hatfield', 'AL10 9AB'];
    const inWindow = reading.pages[0].items.filter(
      (item) =>
        item.x >= window.left &&
        item.right <= window.right &&
        item.top >= window.top &&
        item.bottom <= window.bottom,
    );
    expect(inWindow.map((item) => item.text)).toEqual(addressLines);
    for (const line of addressLines) expect(itemsOn(reading, 0, line)[0]).toBeDefined();

    // Tagged: MarkInfo /Marked true, a structure tree with headings, paragraphs and the list, title and language.
    expect(reading.marked).toBe(true);
    expect(reading.hasStructTree).toBe(true);
    const roles = new Set(reading.pages.flatMap((page) => page.structure));
    for (const role of ['Document', 'Sect', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody'])
      expect(roles).toContain(role);
    expect(reading.title).toBe(letter.subject);
    expect(reading.language).toBe('en-GB');
  });

  it('is in large print when the person asked for it: 18 pt text, so larger letters over more pages', async () => {
    const standard = await letterComplaint('Alex Example');
    const large = await letterComplaint('Alex Example', { accessibilityNeeds: ['large-print'] });
    await acknowledge(standard);
    await acknowledge(large);

    const [standardReading, largeReading] = await Promise.all([
      letterPdf(standard).then((pdf) => readPdf(pdf)),
      letterPdf(large).then((pdf) => readPdf(pdf)),
    ]);
    const greeting = (reading: PdfReading) => itemsOn(reading, 0, 'Dear Alex Example,')[0];
    expect(greeting(standardReading).fontSize).toBeCloseTo(12, 0);
    expect(greeting(largeReading).fontSize).toBeCloseTo(18, 0);
    expect(largeReading.pages.length).toBeGreaterThan(standardReading.pages.length);
    expect(textOf(largeReading)).toContain(`Our reference: ${large}`);
    // The address still fits the window.
    const address = itemsOn(largeReading, 0, '12 Acacia Avenue')[0];
    expect(address.top).toBeGreaterThanOrEqual(window.top);
    expect(address.bottom).toBeLessThanOrEqual(window.bottom);
  });

  it('is made for letters only: the same letter by email has none', async () => {
    const reference = await letterComplaint('Alex Example', { replyChannels: ['email', 'letter'] });
    await acknowledge(reference);
    const items = await itemsWithPdf(reference);
    expect(items.map((item) => [item.channel, item.pdf instanceof Buffer])).toEqual([
      ['email', false],
      ['letter', true],
    ]);
  });

  it('is made on the retry when an earlier attempt stopped after recording the letter', async () => {
    const reference = await letterComplaint('Alex Example');
    await acknowledge(reference);
    const [first] = await itemsWithPdf(reference);
    // As if the worker had stopped between writing the item and its PDF.
    await dataSource.getRepository(Correspondence).update({ id: first.id }, { pdf: null, status: 'drafted' });

    const retry = await acknowledge(reference);

    expect(retry.items).toEqual([{ correspondenceId: first.id, channel: 'letter', status: 'sent' }]);
    const [again] = await itemsWithPdf(reference);
    // Laid out from the same stored HTML at the same creation time: the same document, but for the progress
    // code, which the retry issues afresh (the first one revoked, ADR 0028).
    const [firstText, againText] = await Promise.all(
      [first, again].map(async (item) => textOf(await readPdf(item.pdf!))),
    );
    // The code differs on each attempt, and a proportional font wraps the paragraph around it differently.
    const withoutCode = (text: string) =>
      text.replace(/this code: [0-9A-Z-]+\s*\./, 'this code: ….').replace(/\s+/g, ' ');
    expect(againText).toContain(`Our reference: ${reference}`);
    expect(againText).toContain('this code: ');
    expect(withoutCode(againText)).toBe(withoutCode(firstText));
  });
});
