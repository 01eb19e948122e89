import {
  Body,
  Controller,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@complaints/service-kit';
import { PublicIntakeGuard } from '../intake/public-intake.guard';
import { ComplainantMessageDto, ProgressCodeDto, ProgressTokenDto, type ProgressView } from './progress.dto';
import { ProgressService } from './progress.service';

const requestIdOf = (request: Request) => {
  const id = (request as Request & { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
};

/**
 * The complainant's progress page, for the public web service only (signed like its submissions, ADR 0022).
 * The link's secret travels in the body, never in a path the request log records.
 */
@ApiExcludeController()
@Controller('public-progress')
@Public()
@UseGuards(PublicIntakeGuard)
export class PublicProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** ADR 0028: the reference and code from the acknowledgement letter, for the token they stand for. */
  @Post('code')
  @HttpCode(200)
  code(@Body() dto: ProgressCodeDto): Promise<{ token: string }> {
    return this.progress.tokenForCode(dto.reference, dto.code);
  }

  @Post('view')
  @HttpCode(200)
  view(@Body() dto: ProgressTokenDto, @Req() request: Request): Promise<ProgressView> {
    return this.progress.view(dto.token, requestIdOf(request));
  }

  @Post('letters/:id')
  @HttpCode(200)
  async letter(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ProgressTokenDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const pdf = await this.progress.letter(dto.token, id, requestIdOf(request));
    response.setHeader('Content-Type', 'application/pdf');
    return new StreamableFile(pdf);
  }

  @Post('messages')
  @HttpCode(201)
  message(@Body() dto: ComplainantMessageDto, @Req() request: Request): Promise<{ reference: string }> {
    return this.progress.message(dto.token, dto.kind, dto.text, requestIdOf(request));
  }
}
