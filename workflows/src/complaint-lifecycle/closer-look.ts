// R-INV-4…6: the closer look towards the final response, on its clock: the timescale from the profile or
// agreed with the person, extended with their agreement (R-INV-5), paused while the procedure waits (R-INV-6).
import { setHandler } from '@temporalio/workflow';
import {
  addCalendarDays,
  EXTENSION_AGREED_BY,
  EXTENSION_AGREED_WITH,
  extensionNeedsAgreement,
  isExtensionReason,
  isLocalDate,
  PAUSE_REASONS,
  ROUND_RULES,
  STAFF_RESUME_REASONS,
  type LocalDate,
} from '@complaints/domain';
import { refuse } from '../shared/refusal';
import { SYSTEM, staff, type ComplaintCase } from './complaint-case';
import { signOffAndSend } from './final-response';
import {
  agreeTimescaleUpdate,
  extendFinalResponseUpdate,
  pauseClockUpdate,
  resumeClockUpdate,
  type AgreeTimescaleCommand,
  type ExtendFinalResponseCommand,
  type PauseClockCommand,
  type ResumeClockCommand,
} from './closer-look.messages';

export function registerCloserLookHandlers(c: ComplaintCase): void {
  setHandler(
    agreeTimescaleUpdate,
    async (command: AgreeTimescaleCommand) => {
      const closer = c.agreeFinalResponseDate(command.due);
      await c.record('timescale-agreed', 'R-INV-4', staff(command.by), { due: command.due });
      return closer;
    },
    {
      validator: (command: AgreeTimescaleCommand) => {
        c.requireStage(
          ['closer-look', 'awaiting-sign-off'],
          'R-INV-4',
          'the final-response timescale is agreed during the closer look',
        );
        const today = c.today();
        if (!isLocalDate(command.due)) refuse('R-INV-4', 'due must be an ISO date');
        if (command.due < today)
          refuse('R-INV-4', `the agreed date ${command.due} is in the past (today is ${today})`);
        refuseSilentChange(c, command.due);
      },
    },
  );

  setHandler(
    pauseClockUpdate,
    (command: PauseClockCommand) => c.pauseFinalResponseClock(command.reason, command.by, c.dayOf(command)),
    {
      validator: (command: PauseClockCommand) => {
        c.requireStage(
          'closer-look',
          'R-INV-6',
          'the final-response clock can be paused during the closer look',
        );
        if (!PAUSE_REASONS.includes(command.reason))
          refuse('R-INV-6', `reason must be one of ${PAUSE_REASONS.join(', ')}`);
        const pause = c.openPause();
        if (pause) refuse('R-INV-6', `the clock is already paused since ${pause.start}`);
        const round = c.state.round!;
        const lastEnd = c.lastEndedPause()?.end;
        c.requireDayHappened(
          command,
          lastEnd && lastEnd >= round.startedOn
            ? { date: addCalendarDays(lastEnd, 1), what: 'the day after the last pause ended' }
            : { date: round.startedOn, what: 'this round of the closer look began' },
          'R-INV-6',
        );
      },
    },
  );

  setHandler(
    resumeClockUpdate,
    (command: ResumeClockCommand) => c.resumeFinalResponseClock(command.by, c.dayOf(command), command.reason),
    {
      validator: (command: ResumeClockCommand) => {
        c.requireStage('closer-look', 'R-INV-6', 'only the final-response clock can be resumed');
        const pause = c.openPause();
        if (!pause) refuse('R-INV-6', 'the clock is not paused');
        if (command.reason !== undefined && !STAFF_RESUME_REASONS.includes(command.reason))
          refuse('R-INV-6', `reason must be one of ${STAFF_RESUME_REASONS.join(', ')}`);
        // R-INT-5: a clock paused while consent is sought resumes when the consent is recorded, or by hand
        // only with the reason that the complaint goes on without the person's information.
        if (
          pause.reason === 'seeking-consent' &&
          c.state.triage?.consent?.status === 'sought' &&
          command.reason !== 'continuing-without-consent'
        )
          refuse(
            'R-INT-5',
            'consent is still being sought; record it as given, not needed or refused, or resume with the reason continuing-without-consent',
          );
        c.requireDayHappened(command, { date: pause.start, what: 'the pause began' }, 'R-INV-6');
      },
    },
  );

  setHandler(
    extendFinalResponseUpdate,
    async (command: ExtendFinalResponseCommand) => {
      const previousDue = c.extendFinalResponse(command);
      const closer = c.state.closerLook!;
      await c.record('final-response-extended', 'R-INV-5', staff(command.by), {
        from: previousDue,
        to: command.newDue,
        reason: command.reason,
        ...(command.agreement ? { agreement: command.agreement } : {}),
      });
      // R-INV-5: the person is told at once, with why and the new date; CWTH calls it a progress report.
      c.post({
        step: `final-response-extension-${c.state.round!.number}-${closer.extensions!.length}`,
        template: 'timescale-extended',
        audience: 'complainant',
        rule: 'R-INV-5',
        facts: {
          previousDue,
          newDue: command.newDue,
          reason: command.reason,
          progressReport: c.profile.responseTimescale.kind === 'calendar-months',
          agreedWith: command.agreement?.with ?? null,
          agreedOn: command.agreement?.on ?? null,
          agreedBy: command.agreement?.how ?? null,
        },
      });
      return closer;
    },
    {
      validator: (command: ExtendFinalResponseCommand) => {
        c.requireStage(
          ['closer-look', 'awaiting-sign-off'],
          'R-INV-5',
          'the final-response date can be extended during the closer look',
        );
        const pause = c.openPause();
        if (pause) refuse('R-INV-6', `the clock is paused since ${pause.start}; resume it first`);
        if (!isLocalDate(command.newDue)) refuse('R-INV-5', 'newDue must be an ISO date');
        if (!isExtensionReason(command.reason)) refuse('R-INV-5', 'reason must be one of the listed reasons');
        const today = c.today();
        if (command.newDue < today)
          refuse('R-INV-5', `the new date ${command.newDue} is in the past (today is ${today})`);
        const due = c.state.closerLook!.due;
        if (due !== null && command.newDue <= due)
          refuse('R-INV-5', `the new date must be after the current one (${due})`);
        requireAgreement(c, command);
      },
    },
  );
}

/**
 * R-INV-4 / R-INV-5, in a validator: agreeing a date may not move the timescale the monitoring reports against.
 * The profile's own (HPFT 35 working days, iTrust 20, CWTH a month) may be agreed sooner, never later; a date
 * once agreed (PHSO model) stays. A later date is an extension, agreed with the person and told by letter.
 */
export function refuseSilentChange(c: ComplaintCase, date: LocalDate): void {
  const { basis, due } = c.state.closerLook!;
  const extension =
    'a later date is an extension agreed with the person (R-INV-5: POST …/final-response/extension)';
  if (basis === 'agreed-with-complainant' && date !== due)
    refuse('R-INV-5', `the final-response date ${due} is already agreed; ${extension}`);
  if (basis === 'profile-working-days' || basis === 'profile-calendar-months') {
    if (due === null) refuse('R-INV-6', 'the final-response clock is paused; resume it first');
    if (date > due) refuse('R-INV-5', `${c.profile.name}'s timescale ends on ${due}; ${extension}`);
  }
}

/** R-ER-2 / R-INV-4: the first round's closer look begins (opened already if early resolution led to it). */
export async function startCloserLook(c: ComplaintCase): Promise<void> {
  const closer = c.state.closerLook ?? c.openCloserLook();
  await c.record('closer-look-started', 'R-INV-4', SYSTEM, { due: closer.due, basis: closer.basis });
  await lookCloser(c);
}

/** The final-response clock runs until the signed response is sent (R-INV-4, R-RESP-2) or the complaint closes. */
export async function lookCloser(c: ComplaintCase): Promise<void> {
  const closer = c.state.closerLook!;
  const rule = ROUND_RULES[c.state.round!.kind];
  const responded = () => c.isClosed() || c.state.finalResponse?.sent !== undefined;
  await Promise.all([
    c.keepClock(closer, { name: 'final-response', label: 'final response', rule }, responded),
    signOffAndSend(c, closer),
  ]);
}

/**
 * R-INV-5, in a validator: a later date is agreed with the person (who, on which day, how), unless the profile
 * sends a progress report with the new date instead (CWTH); an agreement given is checked either way.
 */
function requireAgreement(c: ComplaintCase, command: ExtendFinalResponseCommand): void {
  const { agreement } = command;
  if (!agreement) {
    if (extensionNeedsAgreement(c.profile))
      refuse(
        'R-INV-5',
        'agreement is required: a new date is agreed with the person (with whom, on which day and how)',
      );
    return;
  }
  if (!(EXTENSION_AGREED_WITH as readonly string[]).includes(agreement.with))
    refuse('R-INV-5', `agreement.with must be one of ${EXTENSION_AGREED_WITH.join(', ')}`);
  if (!(EXTENSION_AGREED_BY as readonly string[]).includes(agreement.how))
    refuse('R-INV-5', `agreement.how must be one of ${EXTENSION_AGREED_BY.join(', ')}`);
  if (agreement.on === undefined) refuse('R-INV-5', 'agreement.on is required');
  c.requireDayHappened(
    { on: agreement.on, by: command.by },
    { date: c.state.round!.startedOn, what: 'this round of the closer look began' },
    'R-INV-5',
  );
}
