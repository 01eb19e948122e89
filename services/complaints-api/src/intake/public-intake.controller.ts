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
  constructor(private readonly intake: IntakeService) {}

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
    const { complaint, replayed } = await this.intake.receive(
      { ...dto, channel: 'web-form', receivedOn: londonDate(new Date()) },
      { ...WEB_FORM_INTAKE, organisationCode: dto.organisation },
      idempotencyKey,
    );
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return toCreatedView(complaint);
  }
}
