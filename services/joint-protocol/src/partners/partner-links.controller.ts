import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiGoneResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { issueAccessLink, redeemAccessLink } from '@complaints/db';
import { DATA_SOURCE, ProblemException, Public } from '@complaints/service-kit';
import { RedeemLinkDto } from './partner-cases.dto';

/** How long the session a single-use link opens lasts: enough to read the case and send our part. */
const SESSION_HOURS = 2;

/**
 * A partner not on the system (ADR 0019): the single-use, expiring link from its email opens, once, a short
 * session limited to that one case and that partner's part, used on the same endpoints as `Authorization: Link`.
 */
@ApiTags('joint cases (partners)')
@Controller('partner-links')
export class PartnerLinksController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

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
      if (!opened.opened || !opened.link.singleUse || !opened.link.partnerCode)
        throw new ProblemException({
          status: 410,
          title: 'Link no longer works',
          detail:
            'this link has been used, has expired or was withdrawn; ask the lead organisation for a new one',
        });
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
