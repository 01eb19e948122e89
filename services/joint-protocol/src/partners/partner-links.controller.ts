import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiGoneResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource, EntityManager } from 'typeorm';
import {
  inspectAccessLink,
  issueAccessLink,
  JointCase,
  JointProtocol,
  PartnerOrganisation,
  redeemAccessLink,
} from '@complaints/db';
import { DATA_SOURCE, ProblemException, Public } from '@complaints/service-kit';
import { RedeemLinkDto } from './partner-cases.dto';

/** How long the session a single-use link opens lasts: enough to read the case and send our part. */
const SESSION_HOURS = 2;

const linkGone = () =>
  new ProblemException({
    status: 410,
    title: 'Link no longer works',
    detail: 'this link has been used, has expired or was withdrawn; ask the lead organisation for a new one',
  });

/**
 * A partner not on the system (ADR 0019): the single-use, expiring link from its email opens, once, a short
 * session limited to that one case and that partner's part, used on the same endpoints as `Authorization: Link`.
 */
@ApiTags('joint cases (partners)')
@Controller('partner-links')
export class PartnerLinksController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Post('inspect')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Say what a single-use link is for, without opening or spending it',
    description:
      'For the page a link lands on (mail scanners fetch links): which lead organisation asks which partner, under which protocol, and until when the link works. Organisation names only, nothing of the complaint. Used, expired or revoked: 410, as for redeeming it.',
  })
  @ApiOkResponse({
    description: 'What the link is for',
    schema: {
      type: 'object',
      properties: {
        leadCode: { type: 'string' },
        leadName: { type: 'string' },
        partnerCode: { type: 'string' },
        partnerName: { type: 'string' },
        protocolName: { type: 'string' },
        expiresAt: { type: 'string', format: 'date-time' },
      },
    },
  })
  @ApiGoneResponse({ description: 'RFC 9457 problem details: the link no longer works' })
  async inspect(@Body() dto: RedeemLinkDto) {
    const manager = this.dataSource.manager;
    const link = await inspectAccessLink(manager, dto.token, 'partner-case');
    if (!link.opened || !link.link.singleUse || !link.link.partnerCode) throw linkGone();
    const jointCase = await manager
      .getRepository(JointCase)
      .findOneBy({ complaintId: link.link.complaintId });
    if (!jointCase) throw linkGone();
    const [lead, partner, protocol] = await Promise.all([
      nameOf(manager, jointCase.leadCode),
      nameOf(manager, link.link.partnerCode),
      manager.getRepository(JointProtocol).findOneBy({ code: jointCase.protocolCode }),
    ]);
    return {
      leadCode: jointCase.leadCode,
      leadName: lead,
      partnerCode: link.link.partnerCode,
      partnerName: partner,
      protocolName: protocol?.name ?? jointCase.protocolCode,
      expiresAt: link.link.expiresAt,
    };
  }

  @Post('redeem')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Open a single-use link: a two-hour session for that one case and partner',
    description:
      'Used twice, expired or revoked: 410 with a problem saying the link no longer works, and nothing changed. Send the session as `Authorization: Link <session>` to the /joint-cases endpoints.',
  })
  @ApiCreatedResponse({ description: 'The session, for that one case and partner' })
  @ApiGoneResponse({ description: 'RFC 9457 problem details: the link no longer works; nothing changed' })
  async redeem(@Body() dto: RedeemLinkDto) {
    return this.dataSource.transaction(async (manager) => {
      const opened = await redeemAccessLink(manager, dto.token, 'partner-case');
      if (!opened.opened || !opened.link.singleUse || !opened.link.partnerCode) throw linkGone();
      const [jointCase] = (await manager.query(`SELECT id FROM joint_case WHERE complaint_id = $1`, [
        opened.link.complaintId,
      ])) as { id: string }[];
      const session = await issueAccessLink(manager, {
        purpose: 'partner-case',
        complaintId: opened.link.complaintId,
        partnerCode: opened.link.partnerCode,
        singleUse: false,
        issuedBy: `link:${opened.link.id}`,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3_600_000),
      });
      return { session: session.token, expiresAt: session.expiresAt, jointCaseId: jointCase?.id ?? null };
    });
  }
}

async function nameOf(manager: EntityManager, code: string): Promise<string> {
  return (await manager.getRepository(PartnerOrganisation).findOneBy({ code }))?.name ?? code;
}
