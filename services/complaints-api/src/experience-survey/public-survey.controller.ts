import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@complaints/service-kit';
import { PublicIntakeGuard } from '../intake/public-intake.guard';
import { ProgressCodeDto, ProgressTokenDto } from '../progress/progress.dto';
import { SurveyResponseDto, type SurveyInvitationView } from './experience-survey.dto';
import { ExperienceSurveyService } from './experience-survey.service';

/**
 * The experience survey's pages, for the public web service only (signed like its submissions, ADR 0022;
 * ADR 0023). The link's secret travels in the body, never in a path the request log records.
 */
@ApiExcludeController()
@Controller('public-survey')
@Public()
@UseGuards(PublicIntakeGuard)
export class PublicSurveyController {
  constructor(private readonly survey: ExperienceSurveyService) {}

  /** The reference and code from the survey letter, for the token they stand for. */
  @Post('code')
  @HttpCode(200)
  code(@Body() dto: ProgressCodeDto): Promise<{ token: string }> {
    return this.survey.tokenForCode(dto.reference, dto.code);
  }

  @Post('open')
  @HttpCode(200)
  open(@Body() dto: ProgressTokenDto): Promise<SurveyInvitationView> {
    return this.survey.open(dto.token);
  }

  @Post('answers')
  @HttpCode(201)
  answer(@Body() dto: SurveyResponseDto, @Req() request: Request): Promise<{ recorded: true }> {
    const id = (request as Request & { id?: unknown }).id;
    return this.survey.answer(dto.token, dto.answers, dto.comment, typeof id === 'string' ? id : null);
  }
}
