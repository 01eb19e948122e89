import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  JointContribution,
  JointDisagreement,
  JointDraftDecision,
  JointCasePartner,
  JointLearning,
  JointVariation,
} from '@complaints/db';
import { ProblemException } from '@complaints/service-kit';
import {
  decideOnDraftUpdate,
  raiseDisagreementUpdate,
  recordLearningUpdate,
  recordVariationUpdate,
  submitContributionUpdate,
  withdrawFromJointCaseUpdate,
  type JointResponseState,
} from '@complaints/workflows/messages';
import {
  DecideOnDraftDto,
  RaiseDisagreementDto,
  RecordLearningDto,
  RecordVariationDto,
  SubmitContributionDto,
} from './partner-cases.dto';
import { PartnerCases, type OpenedJointCase } from './partner-cases.service';
import { CurrentPartner, type PartnerPrincipal } from './partner-principal';

/** What a command answers: our own part as the joint response process now has it, nothing of the others'. */
function ourPart(state: JointResponseState, partnerCode: string) {
  const mine = state.partners.find((p) => p.code === partnerCode);
  return {
    stage: state.stage,
    contributionDueOn: mine?.contributionDueOn ?? null,
    contribution: mine?.contribution ?? null,
    decision: mine?.decision ?? null,
    withdrawnOn: mine?.withdrawnOn ?? null,
    draft: state.draft ? { version: state.draft.version, approvalDueOn: state.draft.approvalDueOn } : null,
  };
}

/** R-JOINT-2: a partner acts on the case only once consent to share with it was given. */
function requireConsent(opened: OpenedJointCase): void {
  if (opened.member.consent !== 'given')
    throw new ProblemException({
      status: 409,
      title: 'Command refused',
      rule: 'R-JOINT-2',
      detail: 'consent to share the complaint with your organisation has not been given yet',
    });
}

@ApiTags('joint cases (partners)')
@ApiBearerAuth()
@Controller('joint-cases')
export class PartnerCasesController {
  constructor(private readonly cases: PartnerCases) {}

  @Get()
  @ApiOperation({
    summary: "My organisation's joint cases, with my part's deadlines",
    description:
      'Only the joint cases your organisation is a partner in or copied into (a link session: its one case). The reference shows once consent to share with you is given (R-JOINT-2). Recorded in the access log.',
  })
  worklist(@CurrentPartner() partner: PartnerPrincipal) {
    return this.cases.worklist(partner, 'GET /joint-cases');
  }

  @Get(':jointCaseId')
  @ApiOperation({
    summary: "A joint case's shared view",
    description:
      "Until consent to share with you is given, only that the joint case exists (R-JOINT-2); then the complaint's reference and dates, only the issues that concern your organisation, your deadlines, your contributions, the draft out for approval, whether the lead's partial response went without you (`partialResponseWithoutUs`: your contribution must then carry your apology, R-JOINT-6), whether the review found your part resolved so that you may withdraw (`mayWithdraw`, R-JOINT-7), and whether your learning is recorded (`learningRecorded`, protocol 3.4). 404 for a case your organisation is not part of. Every read is recorded.",
  })
  async view(@CurrentPartner() partner: PartnerPrincipal, @Param('jointCaseId') id: string) {
    const opened = await this.cases.open(partner, id, 'view', 'GET /joint-cases/:jointCaseId');
    return this.cases.sharedView(opened, partner.partnerCode);
  }

  @Post(':jointCaseId/contributions')
  @ApiOperation({
    summary: 'Submit or revise our contribution (R-JOINT-4)',
    description:
      'Each submission is a new version kept in the record. 409 naming R-JOINT-7 after withdrawal, R-JOINT-2 for an organisation only copied in or before consent, R-JOINT-6 for a late contribution after a partial response without its apology.',
  })
  async contribute(
    @CurrentPartner() partner: PartnerPrincipal,
    @Param('jointCaseId') id: string,
    @Body() dto: SubmitContributionDto,
  ) {
    const opened = await this.cases.open(partner, id, 'act', 'POST /joint-cases/:jointCaseId/contributions');
    requireConsent(opened);
    const state = await this.cases.command(opened, submitContributionUpdate, async (manager) => {
      const [{ next }] = (await manager.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM joint_contribution WHERE joint_case_id = $1 AND partner_code = $2`,
        [opened.jointCase.id, partner.partnerCode],
      )) as { next: number }[];
      await manager.getRepository(JointContribution).insert({
        jointCaseId: opened.jointCase.id,
        partnerCode: partner.partnerCode,
        version: next,
        body: dto.body,
        apology: dto.apology ?? null,
        submittedBy: partner.id,
      });
      return {
        by: partner.id,
        partnerCode: partner.partnerCode,
        version: next,
        apologised: dto.apology !== undefined,
      };
    });
    return ourPart(state, partner.partnerCode);
  }

  @Post(':jointCaseId/variations')
  @ApiOperation({
    summary:
      'Record reasons for a variation from our own timescales, or warn that we cannot meet the agreed one (R-JOINT-4)',
    description: 'A warning (cannot-meet) tells the other organisations.',
  })
  async vary(
    @CurrentPartner() partner: PartnerPrincipal,
    @Param('jointCaseId') id: string,
    @Body() dto: RecordVariationDto,
  ) {
    const opened = await this.cases.open(partner, id, 'act', 'POST /joint-cases/:jointCaseId/variations');
    requireConsent(opened);
    const state = await this.cases.command(opened, recordVariationUpdate, async (manager) => {
      const row = await manager.getRepository(JointVariation).save({
        jointCaseId: opened.jointCase.id,
        partnerCode: partner.partnerCode,
        kind: dto.kind,
        reasons: dto.reasons,
        expectedOn: dto.expectedOn ?? null,
        recordedBy: partner.id,
      });
      return {
        by: partner.id,
        partnerCode: partner.partnerCode,
        variationId: row.id,
        kind: dto.kind,
        ...(dto.expectedOn ? { expectedOn: dto.expectedOn } : {}),
      };
    });
    return ourPart(state, partner.partnerCode);
  }

  @Post(':jointCaseId/draft-decisions')
  @ApiOperation({
    summary: "Approve the lead's draft version, or return it with comments (R-JOINT-5)",
    description:
      'Only the version out for approval: 409 naming R-JOINT-5 for a superseded version, R-JOINT-4 while conflicting information is unresolved.',
  })
  async decide(
    @CurrentPartner() partner: PartnerPrincipal,
    @Param('jointCaseId') id: string,
    @Body() dto: DecideOnDraftDto,
  ) {
    const opened = await this.cases.open(
      partner,
      id,
      'act',
      'POST /joint-cases/:jointCaseId/draft-decisions',
    );
    requireConsent(opened);
    const state = await this.cases.command(opened, decideOnDraftUpdate, async (manager) => {
      await manager.getRepository(JointDraftDecision).insert({
        jointCaseId: opened.jointCase.id,
        partnerCode: partner.partnerCode,
        draftVersion: dto.version,
        decision: dto.decision,
        comments: dto.comments ?? null,
        decidedBy: partner.id,
      });
      return {
        by: partner.id,
        partnerCode: partner.partnerCode,
        version: dto.version,
        decision: dto.decision,
      };
    });
    return ourPart(state, partner.partnerCode);
  }

  @Post(':jointCaseId/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw from the joint case once the review found our part resolved (R-JOINT-7)',
  })
  async withdraw(@CurrentPartner() partner: PartnerPrincipal, @Param('jointCaseId') id: string) {
    const opened = await this.cases.open(partner, id, 'act', 'POST /joint-cases/:jointCaseId/withdrawal');
    const state = await this.cases.command(opened, withdrawFromJointCaseUpdate, async (manager) => {
      await manager
        .getRepository(JointCasePartner)
        .update({ id: opened.member.id }, { withdrawnAt: new Date() });
      return { by: partner.id, partnerCode: partner.partnerCode };
    });
    return ourPart(state, partner.partnerCode);
  }

  @Post(':jointCaseId/disagreements')
  @ApiOperation({
    summary:
      "Raise a disagreement with other organisations, referred to each one's responsible senior manager (R-JOINT-7)",
  })
  async disagree(
    @CurrentPartner() partner: PartnerPrincipal,
    @Param('jointCaseId') id: string,
    @Body() dto: RaiseDisagreementDto,
  ) {
    const opened = await this.cases.open(partner, id, 'act', 'POST /joint-cases/:jointCaseId/disagreements');
    requireConsent(opened);
    const state = await this.cases.command(opened, raiseDisagreementUpdate, async (manager) => {
      const row = await manager.getRepository(JointDisagreement).save({
        jointCaseId: opened.jointCase.id,
        raisedByCode: partner.partnerCode,
        withCodes: dto.with,
        matter: dto.matter,
        raisedBy: partner.id,
      });
      return { by: partner.id, partnerCode: partner.partnerCode, disagreementId: row.id, with: dto.with };
    });
    return ourPart(state, partner.partnerCode);
  }

  @Post(':jointCaseId/learning')
  @ApiOperation({ summary: 'Record our learning and action points, for our own reporting (protocol 3.4)' })
  async learn(
    @CurrentPartner() partner: PartnerPrincipal,
    @Param('jointCaseId') id: string,
    @Body() dto: RecordLearningDto,
  ) {
    const opened = await this.cases.open(partner, id, 'act', 'POST /joint-cases/:jointCaseId/learning');
    requireConsent(opened);
    const state = await this.cases.command(opened, recordLearningUpdate, async (manager) => {
      await manager.getRepository(JointLearning).insert({
        jointCaseId: opened.jointCase.id,
        organisationCode: partner.partnerCode,
        learning: dto.learning,
        actionPoints: (dto.actionPoints ?? []).map((action) => ({ action, owner: partner.partnerCode })),
        recordedBy: partner.id,
      });
      return { by: partner.id, organisationCode: partner.partnerCode };
    });
    return ourPart(state, partner.partnerCode);
  }
}
