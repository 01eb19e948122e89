import { Inject, Injectable } from '@nestjs/common';
import { IsNull, Not, type DataSource } from 'typeorm';
import { recordAccess, ThemeAlert, ThemeRule, type AccessRequest } from '@complaints/db';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type StaffPrincipal,
} from '@complaints/service-kit';
import type {
  CloseThemeAlertDto,
  CreateThemeRuleDto,
  ThemeAlertDto,
  ThemeAlertQueryDto,
  ThemeRuleDto,
} from './dto/themes.dto';
import { ownedActions } from './review-actions';

const notFound = (what: string) =>
  new ProblemException({ status: 404, title: 'Not found', detail: `no such ${what} in your organisation` });

/**
 * R-MON-3: the themes an organisation watches for, and the alerts the daily review raises for them (the
 * worker's `themeAlerts` workflow). Complaints managers close each alert with what was done and the actions.
 */
@Injectable()
export class ThemesService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async createRule(staff: StaffPrincipal, dto: CreateThemeRuleDto): Promise<ThemeRuleDto> {
    const rise = dto.kind === 'rise-over-quarter';
    // Each kind has its own measure; the other kind's would be silently ignored.
    const [otherField, otherValue] = rise ? ['withinDays', dto.withinDays] : ['risePercent', dto.risePercent];
    if (otherValue !== undefined)
      throw new RequestValidationException([
        { field: otherField, reason: `is not part of a ${rise ? 'rise-over-quarter' : 'within-days'} rule` },
      ]);
    const rule = await this.dataSource.getRepository(ThemeRule).save({
      organisationCode: staff.organisationCode,
      name: dto.name,
      subjectArea: dto.subjectArea ?? null,
      serviceArea: dto.serviceArea ?? null,
      kind: dto.kind ?? 'within-days',
      threshold: dto.threshold,
      withinDays: rise ? null : dto.withinDays!,
      risePercent: rise ? dto.risePercent! : null,
      createdBy: staff.id,
    });
    return ruleView(rule);
  }

  async rules(staff: StaffPrincipal): Promise<ThemeRuleDto[]> {
    const rules = await this.dataSource
      .getRepository(ThemeRule)
      .find({ where: { organisationCode: staff.organisationCode }, order: { createdAt: 'ASC' } });
    return rules.map(ruleView);
  }

  async retireRule(staff: StaffPrincipal, id: string): Promise<ThemeRuleDto> {
    const repository = this.dataSource.getRepository(ThemeRule);
    const rule = await repository.findOneBy({ id, organisationCode: staff.organisationCode });
    if (!rule) throw notFound('theme rule');
    if (rule.retiredAt)
      throw new ProblemException({
        status: 409,
        title: 'Already retired',
        detail: 'the rule was already retired',
        rule: 'R-MON-3',
      });
    rule.retiredAt = new Date();
    return ruleView(await repository.save(rule));
  }

  async alerts(
    staff: StaffPrincipal,
    query: ThemeAlertQueryDto,
    access: AccessRequest,
  ): Promise<ThemeAlertDto[]> {
    const status = query.status ?? 'open';
    const alerts = await this.dataSource.getRepository(ThemeAlert).find({
      where: {
        organisationCode: staff.organisationCode,
        ...(status === 'all' ? {} : { closedAt: status === 'open' ? IsNull() : Not(IsNull()) }),
      },
      order: { raisedAt: 'DESC' },
    });
    const listsCases = staff.roles.includes('complaints-manager');
    if (listsCases)
      await recordAccess(this.dataSource.manager, access, {
        complaintReference: null,
        outcome: 'allowed',
        basis: 'complaints-manager',
        purpose: null,
        references: [...new Set(alerts.flatMap((alert) => alert.complaintReferences))].sort(),
      });
    return alerts.map((alert) => alertView(alert, listsCases));
  }

  async closeAlert(staff: StaffPrincipal, id: string, dto: CloseThemeAlertDto): Promise<ThemeAlertDto> {
    const actions = await ownedActions(this.dataSource, staff.organisationCode, dto.actions);
    const closed: ThemeAlert[] = (
      await this.dataSource.query(
        `UPDATE theme_alert SET closed_at = now(), closed_by = $3, closing_note = $4, actions = $5
          WHERE id = $1 AND organisation_code = $2 AND closed_at IS NULL RETURNING id`,
        [id, staff.organisationCode, staff.id, dto.note, JSON.stringify(actions)],
      )
    )[0];
    if (closed.length === 0) {
      const exists = await this.dataSource
        .getRepository(ThemeAlert)
        .existsBy({ id, organisationCode: staff.organisationCode });
      if (!exists) throw notFound('theme alert');
      throw new ProblemException({
        status: 409,
        title: 'Already closed',
        detail: 'the alert was already closed',
        rule: 'R-MON-3',
      });
    }
    return alertView(await this.dataSource.getRepository(ThemeAlert).findOneByOrFail({ id }), true);
  }
}

function ruleView(rule: ThemeRule): ThemeRuleDto {
  return {
    id: rule.id,
    name: rule.name,
    ...(rule.subjectArea ? { subjectArea: rule.subjectArea } : {}),
    ...(rule.serviceArea ? { serviceArea: rule.serviceArea } : {}),
    kind: rule.kind,
    threshold: rule.threshold,
    ...(rule.withinDays !== null ? { withinDays: rule.withinDays } : {}),
    ...(rule.risePercent !== null ? { risePercent: rule.risePercent } : {}),
    createdBy: rule.createdBy,
    createdAt: rule.createdAt,
    retiredAt: rule.retiredAt,
  };
}

function alertView(alert: ThemeAlert, listsCases: boolean): ThemeAlertDto {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    subjectArea: alert.subjectArea,
    serviceArea: alert.serviceArea,
    windowFrom: alert.windowFrom,
    windowTo: alert.windowTo,
    complaints: alert.complaintReferences.length,
    ...(listsCases ? { complaintReferences: alert.complaintReferences } : {}),
    raisedAt: alert.raisedAt,
    closedBy: alert.closedBy,
    closedAt: alert.closedAt,
    closingNote: alert.closingNote,
    actions: alert.actions,
  };
}
