import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, type StaffPrincipal } from '@complaints/service-kit';
import { RateLimit } from '@complaints/service-kit';
import { PROBLEM, StaffApiResponses } from '../case-file/api-responses';
import { ComplaintCreatedDto } from '../complaints/dto/complaint-response.dto';
import { toCreatedView } from '../complaints/complaint-views';
import { CreateComplaintDto } from './dto/create-complaint.dto';
import { IntakeService } from './intake.service';

/** Procedure §1: a complaint or feedback taken in from any channel (R-INT-1 to R-INT-4). */
@ApiTags('intake')
@StaffApiResponses()
@Controller('complaints')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @RateLimit('intake')
  @ApiOperation({
    summary: 'Record a complaint or feedback from any channel (R-INT-1, R-INT-2)',
    description:
      "Stores the record and starts the complaint's workflow, which keeps its deadlines. Feedback (R-INT-3) and anonymous complaints (R-INT-4) " +
      'are recorded without letters. Send an `Idempotency-Key` to make retries safe: the same key and body return the same complaint.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Unique per intended complaint (1–200 visible ASCII characters)',
  })
  @ApiCreatedResponse({
    type: ComplaintCreatedDto,
    description: 'Recorded; `deadlines.acknowledgement` is the R-ACK-1 due date',
  })
  @ApiBadRequestResponse({
    ...PROBLEM,
    description: 'Invalid fields: `errors` lists each field and reason; nothing is stored',
  })
  @ApiUnprocessableEntityResponse({
    ...PROBLEM,
    description: 'The Idempotency-Key was used for a different request',
  })
  async create(
    @Body() dto: CreateComplaintDto,
    @CurrentStaff() staff: StaffPrincipal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplaintCreatedDto> {
    const { complaint, replayed } = await this.intake.receive(dto, staff, idempotencyKey);
    response.setHeader('Location', `/complaints/${complaint.reference}`);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return toCreatedView(complaint);
  }
}
