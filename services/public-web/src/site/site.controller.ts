import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicLimits } from '../hardening/public-limits';
import { OrganisationSites } from './organisation-sites';

/** The list of sites, each organisation's start page, and the accessibility statement. */
@Controller()
export class SiteController {
  constructor(
    private readonly sites: OrganisationSites,
    private readonly limits: PublicLimits,
  ) {}

  @Get()
  async index(@Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    response.render('index.njk', { sites: await this.sites.all(), cspNonce: response.locals.cspNonce });
  }

  @Get('accessibility-statement')
  accessibility(@Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    response.render('accessibility-statement.njk', { cspNonce: response.locals.cspNonce });
  }

  @Get(':organisation')
  async start(@Param('organisation') slug: string, @Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    response.render('start.njk', { site, cspNonce: response.locals.cspNonce });
  }
}
