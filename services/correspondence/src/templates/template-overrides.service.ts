import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  loadOverrideVersions,
  loadTemplateOverrides,
  overrideTarget,
  renderSideBySide,
  TEMPLATE_CATALOGUE,
  TEMPLATE_NAMES,
  TemplateRenderer,
  validateOverride,
  variantDefinition,
  variantsOf,
  type OverrideVersion,
  type SideBySide,
  type StoredOverride,
  type TemplateVariant,
} from '@complaints/activities/correspondence';
import { Organisation, TemplateOverride, TemplateOverrideDecision } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type { OverrideDto, OverrideVersionDto, TemplateCatalogueDto } from './templates.dto';

function toOverride(override: StoredOverride | undefined): OverrideDto | null {
  if (!override) return null;
  const { name, variant, version, body, subject, createdBy, createdAt, approvedBy, approvedAt } = override;
  return {
    name,
    variant,
    version,
    ...(body === undefined ? {} : { body }),
    ...(subject === undefined ? {} : { subject }),
    createdBy,
    createdAt: createdAt.toISOString(),
    approvedBy,
    approvedAt: approvedAt.toISOString(),
  };
}

function toVersion(version: OverrideVersion): OverrideVersionDto {
  const { name, variant, body, subject, status, inUse, createdBy, decidedBy } = version;
  return {
    name,
    variant,
    version: version.version,
    ...(body === undefined ? {} : { body }),
    ...(subject === undefined ? {} : { subject }),
    status,
    inUse,
    createdBy,
    createdAt: version.createdAt.toISOString(),
    decidedBy,
    decidedAt: version.decidedAt?.toISOString() ?? null,
  };
}

/**
 * The template catalogue and an organisation's overrides of its templates and partials (issue #5), under the
 * two-person rule (issue #14, ADR 0014): a complaints manager proposes, a second complaints manager or senior
 * manager approves after seeing it beside the standard letter, and only then is it used.
 */
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
    const pending: { name: string; variant: TemplateVariant; version: number }[] =
      await this.dataSource.query(
        `SELECT o.name, o.variant, o.version FROM template_override o
        WHERE o.organisation_code = $1 AND (o.body IS NOT NULL OR o.subject IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM template_override_decision d WHERE d.override_id = o.id)
          AND NOT EXISTS (
            SELECT 1 FROM template_override later
              LEFT JOIN template_override_decision d ON d.override_id = later.id
             WHERE later.organisation_code = o.organisation_code AND later.name = o.name
               AND later.variant = o.variant AND later.version > o.version
               AND ((later.body IS NULL AND later.subject IS NULL) OR d.decision = 'approved'))
        ORDER BY o.version`,
        [organisationCode],
      );
    const proposals = (name: string, variant: TemplateVariant) =>
      pending
        .filter((proposal) => proposal.name === name && proposal.variant === variant)
        .map((proposal) => proposal.version);
    return {
      templates: TEMPLATE_NAMES.map((name) => ({
        name,
        kind: TEMPLATE_CATALOGUE[name].kind,
        facts: TEMPLATE_CATALOGUE[name].facts,
        variants: variantsOf(name).map((variant) => ({
          variant,
          version: variantDefinition(name, variant)!.version,
          subject: variantDefinition(name, variant)!.subject,
          mustSay: variantDefinition(name, variant)!.mustSay.map(({ element, checks }) => ({
            element,
            checks,
          })),
          override: find(name, variant),
          proposals: proposals(name, variant),
        })),
      })),
      partials: this.renderer.partials.map((name) => ({
        name,
        override: find(name, 'standard'),
        proposals: proposals(name, 'standard'),
      })),
    };
  }

  /**
   * Proposes the next version of the override (its body, its subject line, or both; what is left out is the
   * standard) once it is tried and found sound; 422 naming the field otherwise. It is not used until approved.
   */
  async propose(
    name: string,
    variant: TemplateVariant,
    { body, subject }: { body?: string; subject?: string },
    staff: StaffPrincipal,
  ): Promise<OverrideVersionDto> {
    this.assertKnown(name);
    const organisation = await this.organisationOf(staff);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, staff.organisationCode, name, variant);
      const { overrides } = await loadTemplateOverrides(manager, staff.organisationCode);
      const candidate = { name, variant, body, subject };
      this.assertSound(validateOverride(this.renderer, organisation, overrides, candidate));
      const saved = await manager.getRepository(TemplateOverride).save({
        organisationCode: staff.organisationCode,
        name,
        variant,
        body: body ?? null,
        subject: subject ?? null,
        version: (await this.latestVersion(manager, staff.organisationCode, name, variant)) + 1,
        createdBy: staff.id,
      });
      return toVersion({
        id: saved.id,
        name,
        variant,
        version: saved.version,
        createdBy: saved.createdBy,
        createdAt: saved.createdAt,
        ...(body === undefined ? {} : { body }),
        ...(subject === undefined ? {} : { subject }),
        status: 'proposed',
        inUse: false,
        decidedBy: null,
        decidedAt: null,
      });
    });
  }

  /** Every version of the override, newest first, each with who proposed it and who decided on it, and when. */
  async versions(
    name: string,
    variant: TemplateVariant,
    staff: StaffPrincipal,
  ): Promise<OverrideVersionDto[]> {
    this.assertKnown(name);
    const versions = await loadOverrideVersions(this.dataSource, staff.organisationCode, name, variant);
    return versions.map(toVersion);
  }

  /** A version of the override rendered beside the standard letter, for sample facts (issue #14). */
  async sideBySide(
    name: string,
    variant: TemplateVariant,
    version: number,
    staff: StaffPrincipal,
  ): Promise<SideBySide> {
    this.assertKnown(name);
    const organisation = await this.organisationOf(staff);
    const proposal = await this.proposalOf(this.dataSource, staff, name, variant, version);
    const { overrides } = await loadTemplateOverrides(this.dataSource, staff.organisationCode);
    return renderSideBySide(this.renderer, organisation, overrides, proposal);
  }

  /**
   * The second person's approval: never the author's; only of a proposal still open, still sound with the
   * organisation's overrides in use now, and rendered as the approver saw it (the side-by-side's digest).
   */
  async approve(
    name: string,
    variant: TemplateVariant,
    version: number,
    renderingDigest: string,
    staff: StaffPrincipal,
  ): Promise<OverrideVersionDto> {
    this.assertKnown(name);
    const organisation = await this.organisationOf(staff);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, staff.organisationCode, name, variant);
      const proposal = await this.openProposal(manager, staff, name, variant, version);
      const { overrides } = await loadTemplateOverrides(manager, staff.organisationCode);
      this.assertSound(validateOverride(this.renderer, organisation, overrides, proposal));
      const seen = renderSideBySide(this.renderer, organisation, overrides, proposal).renderingDigest;
      if (seen !== renderingDigest)
        throw new ProblemException({
          status: 422,
          title: 'Approval refused',
          detail: 'renderingDigest: not what this version renders beside the standard letter now',
          errors: [
            {
              field: 'renderingDigest',
              reason:
                'is not the digest of this version beside the standard letter as it renders now: look at its side-by-side again',
            },
          ],
        });
      await manager
        .getRepository(TemplateOverrideDecision)
        .insert({ overrideId: proposal.id, decision: 'approved', decidedBy: staff.id });
      return this.versionOf(manager, staff, name, variant, version);
    });
  }

  /** The second person's refusal of a proposal; it is kept, and never used. */
  async reject(
    name: string,
    variant: TemplateVariant,
    version: number,
    staff: StaffPrincipal,
  ): Promise<OverrideVersionDto> {
    this.assertKnown(name);
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, staff.organisationCode, name, variant);
      const proposal = await this.openProposal(manager, staff, name, variant, version);
      await manager
        .getRepository(TemplateOverrideDecision)
        .insert({ overrideId: proposal.id, decision: 'rejected', decidedBy: staff.id });
      return this.versionOf(manager, staff, name, variant, version);
    });
  }

  /**
   * Back to the standard template at once, in one command (the standard needs no second look): a new version
   * without a body, so the versions sent items name are kept; open proposals are superseded.
   */
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

  private async organisationOf(staff: StaffPrincipal): Promise<Organisation> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ code: staff.organisationCode });
    if (!organisation) throw this.notFound('your organisation is not in the record');
    return organisation;
  }

  private assertSound(problems: ReturnType<typeof validateOverride>): void {
    if (problems.length === 0) return;
    throw new ProblemException({
      status: 422,
      title: 'Override refused',
      detail: problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; '),
      errors: problems,
    });
  }

  private async versionOf(
    db: DataSource | EntityManager,
    staff: StaffPrincipal,
    name: string,
    variant: TemplateVariant,
    version: number,
  ): Promise<OverrideVersionDto> {
    const found = (await loadOverrideVersions(db, staff.organisationCode, name, variant)).find(
      (candidate) => candidate.version === version,
    );
    if (!found) throw this.notFound(`your organisation has no version ${version} of the ${variant} ${name}`);
    return toVersion(found);
  }

  /** A version with a body or a subject line (not a revert), as the renderer takes it. */
  private async proposalOf(
    db: DataSource | EntityManager,
    staff: StaffPrincipal,
    name: string,
    variant: TemplateVariant,
    version: number,
  ) {
    const found = (await loadOverrideVersions(db, staff.organisationCode, name, variant)).find(
      (candidate) => candidate.version === version,
    );
    if (!found) throw this.notFound(`your organisation has no version ${version} of the ${variant} ${name}`);
    if (found.status === 'reverted')
      throw this.conflict(`version ${version} put the standard back; it has nothing to show or decide`);
    return found;
  }

  /** A proposal still waiting for its decision, and not the staff member's own. */
  private async openProposal(
    manager: EntityManager,
    staff: StaffPrincipal,
    name: string,
    variant: TemplateVariant,
    version: number,
  ) {
    const proposal = await this.proposalOf(manager, staff, name, variant, version);
    if (proposal.status !== 'proposed')
      throw this.conflict(
        `version ${version} is ${proposal.status}; only a proposal waiting for a decision can be decided`,
      );
    if (proposal.createdBy === staff.id)
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail:
          'you proposed this version: a second complaints manager or senior manager decides on it (two-person rule)',
      });
    return proposal;
  }

  private conflict(detail: string): ProblemException {
    return new ProblemException({ status: 409, title: 'Conflict', detail });
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
