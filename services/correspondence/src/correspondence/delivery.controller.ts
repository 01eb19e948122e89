import { Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  DeliveryLog,
  ResendRefused,
  type CorrespondenceResender,
} from '@complaints/activities/correspondence';
import { Correspondence } from '@complaints/db';
import {
  CurrentStaff,
  DATA_SOURCE,
  ProblemException,
  Roles,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { CorrespondenceItemDto } from './correspondence.dto';
import { itemViews } from './correspondence-views';
import { notFound } from './case-file-door';

export const RESENDER = Symbol('RESENDER');

const REFUSED = {
  description: 'RFC 9457 problem details: not possible for this item now; `detail` (and `rule`) say why',
};

const refused = (detail: string, rule?: string) =>
  new ProblemException({ status: 409, title: 'Command refused', detail, rule });

/** What staff do about delivery (issue #5): resend what did not go, and record a printed letter as posted. */
@ApiTags('correspondence')
@Controller('correspondence/:id')
@Roles('handler', 'complaints-manager')
export class DeliveryController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RESENDER) private readonly resender: CorrespondenceResender,
  ) {}

  @Post('resend')
  @ApiOperation({
    summary: 'Resend a failed, unconfirmed or held item',
    description:
      'Creates a new item linked to this one (`resendOf`), with the same content and a new Message-ID, recorded as ' +
      'asked for by you, and delivers it at once: an email to the address on record now, a letter queued to print ' +
      'again. The answer is the new item with the outcome (`delivered`, `sent`, or `failed` with `lastError`). ' +
      'Refused for an item that went (or is going), that was already resent (resend the newer one), or, for a ' +
      'letter with the person’s information to a representative, while the person has not consented (R-INT-5).',
  })
  @ApiCreatedResponse({ type: CorrespondenceItemDto, description: 'The new item; `Location` names it' })
  @ApiConflictResponse(REFUSED)
  @ApiNotFoundResponse({ description: 'No such item, or its complaint is not yours to open (R-INT-8)' })
  async resend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CorrespondenceItemDto> {
    let resent: Correspondence;
    try {
      resent = await this.resender.resend(id, staff.id);
    } catch (error) {
      if (error instanceof ResendRefused) throw refused(error.message, error.rule);
      throw error;
    }
    response.setHeader('Location', `/correspondence/${resent.id}`);
    const [view] = await itemViews(this.dataSource, [resent]);
    return view;
  }

  @Post('posted')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that a printed letter was posted',
    description:
      'A letter queued to print (`sent`) becomes `delivered`, as far as we can know, with you as who posted it. ' +
      'Refused for an email, or a letter not queued to print.',
  })
  @ApiOkResponse({ type: CorrespondenceItemDto })
  @ApiConflictResponse(REFUSED)
  @ApiNotFoundResponse({ description: 'No such item, or its complaint is not yours to open (R-INT-8)' })
  async posted(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CorrespondenceItemDto> {
    const item = await this.item(id);
    const log = new DeliveryLog(this.dataSource);
    if (item.channel !== 'letter' || !(await log.recordPosted(id, staff.id))) {
      throw refused(
        `only a letter queued to print is posted; this is a ${item.channel} that is ${item.status}`,
      );
    }
    const [view] = await itemViews(this.dataSource, [await log.get(id)]);
    return view;
  }

  /** The item, its complaint already opened by the case-file door. */
  private async item(id: string): Promise<Correspondence> {
    const item = await this.dataSource.getRepository(Correspondence).findOneBy({ id });
    if (!item) throw notFound(`no correspondence ${id} that you may open`);
    return item;
  }
}
