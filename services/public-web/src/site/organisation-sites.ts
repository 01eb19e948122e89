import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Organisation } from '@complaints/db';
import {
  createWorkingDayCalendar,
  getProfile,
  type PolicyProfile,
  type WorkingDayCalendar,
} from '@complaints/domain';
import { DATA_SOURCE } from '@complaints/service-kit';

/** One organisation's public site: its name, contact details and the policy profile its complaints follow. */
export interface OrganisationSite {
  code: string;
  /** The path segment of its pages, e.g. `hpft`. */
  slug: string;
  name: string;
  contact: Organisation['letterhead'];
  profile: PolicyProfile;
  calendar: WorkingDayCalendar;
}

const SLUG = /^[a-z]{2,8}$/;

/** The sites, read from the organisation table (a minute's cache: the public site is read far more than edited). */
@Injectable()
export class OrganisationSites {
  private cache?: { loadedAt: number; sites: Map<string, OrganisationSite> };

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async all(): Promise<OrganisationSite[]> {
    return [...(await this.load()).values()];
  }

  /** The site at `/{slug}`; anything else is the not-found page. */
  async bySlug(slug: string): Promise<OrganisationSite> {
    const site = SLUG.test(slug) ? (await this.load()).get(slug) : undefined;
    if (!site) throw new NotFoundException();
    return site;
  }

  private async load(): Promise<Map<string, OrganisationSite>> {
    if (this.cache && Date.now() - this.cache.loadedAt < 60_000) return this.cache.sites;
    const organisations = await this.dataSource.getRepository(Organisation).find({ order: { code: 'ASC' } });
    const sites = new Map(
      organisations.map((organisation) => {
        const slug = organisation.code.toLowerCase();
        return [
          slug,
          {
            code: organisation.code,
            slug,
            name: organisation.name,
            contact: organisation.letterhead ?? {},
            profile: getProfile(organisation.profileId, organisation.profileVersion),
            calendar: createWorkingDayCalendar({
              nation: organisation.nation,
              closureDays: organisation.closureDays,
            }),
          },
        ];
      }),
    );
    this.cache = { loadedAt: Date.now(), sites };
    return sites;
  }
}
