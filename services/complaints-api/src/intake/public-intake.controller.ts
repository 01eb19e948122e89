import { Body, Controller, Headers, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiExcludeController,
  ApiHeader,
  ApiOperation,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { londonDate } from '@complaints/domain';
import { Public, RateLimit } from '@complaints/service-kit';
import { PROBLEM } from '../case-file/api-responses';
import { ComplaintCreatedDto } from '../complaints/dto/complaint-response.dto';
import { toCreatedView } from '../complaints/complaint-views';
import { checkEqualityAnswers, MonitoringService } from '../monitoring/monitoring.service';
import { PublicComplaintDto } from './dto/public-complaint.dto';
import { IntakeService, WEB_FORM_INTAKE } from './intake.service';
import { PublicIntakeGuard } from './public-intake.guard';

/**
 * R-INT-1: a complaint, feedback or anonymous concern sent from the public web form, taken in by the same
 * intake as staff use (ADR 0022). Not for staff, so not in the staff API's documentation.
 */
@ApiExcludeController()
@Controller('public-intake')
export class PublicIntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly monitoring: MonitoringService,
  ) {}

  @Post('complaints')
  @Public()
  @UseGuards(PublicIntakeGuard)
  @RateLimit('intake')
  @ApiOperation({ summary: 'Record a complaint from the public web form (channel web-form)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: ComplaintCreatedDto })
  @ApiBadRequestResponse({ ...PROBLEM })
  async create(
    @Body() dto: PublicComplaintDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplaintCreatedDto> {
    const { equality, ...submission } = dto;
    // Checked before anything is recorded, so a bad answer cannot leave a complaint without its answers.
    const answers = equality && Object.keys(equality).length > 0 ? checkEqualityAnswers(equality) : undefined;
    const taker = { ...WEB_FORM_INTAKE, organisationCode: dto.organisation };
    const { complaint, replayed } = await this.intake.receive(
      { ...submission, channel: 'web-form', receivedOn: londonDate(new Date()) },
      taker,
      idempotencyKey,
    );
    if (answers && !replayed)
      await this.monitoring.recordEquality(complaint, answers, { ...taker, roles: [] });
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return toCreatedView(complaint);
  }
}
