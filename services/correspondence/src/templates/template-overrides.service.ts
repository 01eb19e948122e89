import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  loadTemplateOverrides,
  overrideTarget,
  TEMPLATE_CATALOGUE,
  TEMPLATE_NAMES,
  TemplateRenderer,
  validateOverride,
  variantDefinition,
  variantsOf,
  type StoredOverride,
  type TemplateVariant,
} from '@complaints/activities/correspondence';
import { Organisation, TemplateOverride } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type { OverrideDto, TemplateCatalogueDto } from './templates.dto';

function toOverride(override: StoredOverride | undefined): OverrideDto | null {
  if (!override) return null;
  const { name, variant, version, body, subject, createdBy, createdAt } = override;
  return {
    name,
    variant,
    version,
    ...(body === undefined ? {} : { body }),
    ...(subject === undefined ? {} : { subject }),
    createdBy,
    createdAt: createdAt.toISOString(),
  };
}

/** The template catalogue and an organisation's overrides of its templates and partials (issue #5). */
@Injectable()
export class TemplateOverridesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly renderer: TemplateRenderer,
  ) {}

  async catalogue(organisationCode: string): Promise<TemplateCatalogueDto> {
    const { overrides } = await loadTemplateOverrides(this.dataSource, organisationCode);
    const find = (name: string, variant: TemplateVariant) =>
      toOverride(overrides.find((override) => override.name === name && override.variant === variant));
    return {
      templates: TEMPLATE_NAMES.map((name) => ({
        name,
        kind: TEMPLATE_CATALOGUE[name].kind,
        facts: TEMPLATE_CATALOGUE[name].facts,
        variants: variantsOf(name).map((variant) => ({
          variant,
          version: variantDefinition(name, variant)!.version,
          subject: variantDefinition(name, variant)!.subject,
          override: find(name, variant),
        })),
      })),
      partials: this.renderer.partials.map((name) => ({ name, override: find(name, 'standard') })),
    };
  }

  /**
   * Saves the next version of the override (its body, its subject line, or both; what is left out is the
   * standard) once it is tried and found sound; 422 naming the field otherwise.
   */
  async save(
    name: string,
    variant: TemplateVariant,
    { body, subject }: { body?: string; subject?: string },
    staff: StaffPrincipal,
  ): Promise<OverrideDto> {
    this.assertKnown(name);
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ code: staff.organisationCode });
    if (!organisation) throw this.notFound('your organisation is not in the record');
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, staff.organisationCode, name, variant);
      const { overrides } = await loadTemplateOverrides(manager, staff.organisationCode);
      const candidate = { name, variant, body, subject };
      const problems = validateOverride(this.renderer, organisation, overrides, candidate);
      if (problems.length > 0) {
        throw new ProblemException({
          status: 422,
          title: 'Override refused',
          detail: problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; '),
          errors: problems,
        });
      }
      const saved = await manager.getRepository(TemplateOverride).save({
        organisationCode: staff.organisationCode,
        name,
        variant,
        body: body ?? null,
        subject: subject ?? null,
        version: (await this.latestVersion(manager, staff.organisationCode, name, variant)) + 1,
        createdBy: staff.id,
      });
      return toOverride({ ...saved, variant, body, subject })!;
    });
  }

  /** Back to the standard template: a new version without a body, so the versions sent items name are kept. */
  async revert(name: string, variant: TemplateVariant, staff: StaffPrincipal): Promise<void> {
    this.assertKnown(name);
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, staff.organisationCode, name, variant);
      const { overrides } = await loadTemplateOverrides(manager, staff.organisationCode);
      if (!overrides.some((override) => override.name === name && override.variant === variant))
        throw this.notFound(`your organisation has no ${variant} override of ${name} in use`);
      await manager.getRepository(TemplateOverride).insert({
        organisationCode: staff.organisationCode,
        name,
        variant,
        body: null,
        subject: null,
        version: (await this.latestVersion(manager, staff.organisationCode, name, variant)) + 1,
        createdBy: staff.id,
      });
    });
  }

  private assertKnown(name: string): void {
    if (!overrideTarget(this.renderer, name)) throw this.notFound(`no template or partial ${name}`);
  }

  /** One writer at a time per override key, so versions stay 1, 2, 3… */
  private async lock(
    manager: EntityManager,
    organisationCode: string,
    name: string,
    variant: string,
  ): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `template-override:${organisationCode}:${name}:${variant}`,
    ]);
  }

  private async latestVersion(
    manager: EntityManager,
    organisationCode: string,
    name: string,
    variant: string,
  ) {
    const [{ latest }] = (await manager.query(
      `SELECT coalesce(max(version), 0) AS latest FROM template_override
        WHERE organisation_code = $1 AND name = $2 AND variant = $3`,
      [organisationCode, name, variant],
    )) as { latest: number }[];
    return Number(latest);
  }

  private notFound(detail: string): ProblemException {
    return new ProblemException({ status: 404, title: 'Not found', detail });
  }
}
