import {
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_FILTER } from '@nestjs/core';
import { DATA_SOURCE, loggingModule, SERVICE_MODE } from '@complaints/service-kit';
import { openDataSource } from '@complaints/db';
import type { PublicWebConfig } from './config';
import { ErrorPageFilter } from './errors/error-page.filter';
import { ComplaintFormController } from './form/complaint-form.controller';
import { FormBodyMiddleware } from './hardening/form-body.middleware';
import { logSafePath } from './hardening/log-safe-path';
import { LIMIT_SETTINGS, PublicLimits } from './hardening/public-limits';
import { COMPLAINTS_API_SETTINGS, ComplaintsApiClient } from './intake/complaints-api.client';
import { FormSessions, SESSION_SETTINGS } from './session/form-sessions';
import { HealthController } from './site/health.controller';
import { OrganisationSites } from './site/organisation-sites';
import { ProgressController } from './progress/progress.controller';
import { JOINT_PROTOCOL_SETTINGS, JointProtocolClient } from './partner-link/joint-protocol.client';
import { PartnerCaseController } from './partner-link/partner-case.controller';
import { PartnerLinkController } from './partner-link/partner-link.controller';
import { PartnerLinkSessions } from './partner-link/partner-link-sessions';
import { SiteController } from './site/site.controller';
import { SurveyController } from './survey/survey.controller';

/** The public web service: the organisations' sites and their complaint forms (ADR 0022). */
@Module({})
export class AppModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  static forConfig(config: PublicWebConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [loggingModule('public-web', config.LOG_LEVEL, { logPath: logSafePath })],
      // The form's routes first: `/:organisation` would otherwise take `/health`-like paths.
      controllers: [
        HealthController,
        PartnerLinkController,
        PartnerCaseController,
        ComplaintFormController,
        ProgressController,
        SurveyController,
        SiteController,
      ],
      providers: [
        {
          provide: DATA_SOURCE,
          useFactory: () => openDataSource(config.DATABASE_URL, { applicationName: 'public-web' }),
        },
        { provide: SERVICE_MODE, useValue: config.NODE_ENV },
        {
          provide: COMPLAINTS_API_SETTINGS,
          useValue: { apiUrl: config.COMPLAINTS_API_URL, key: config.PUBLIC_INTAKE_KEY },
        },
        {
          provide: SESSION_SETTINGS,
          useValue: {
            idleMinutes: config.PUBLIC_SESSION_MINUTES,
            secureCookie: config.NODE_ENV === 'production',
          },
        },
        {
          provide: LIMIT_SETTINGS,
          useValue: {
            pagesPerMinute: config.PUBLIC_PAGES_PER_MINUTE,
            submissionsPerHour: config.PUBLIC_SUBMISSIONS_PER_HOUR,
            organisationSubmissionsPerHour: config.PUBLIC_ORGANISATION_SUBMISSIONS_PER_HOUR,
            codeAttemptsPerHour: config.PUBLIC_CODE_ATTEMPTS_PER_HOUR,
          },
        },
        { provide: JOINT_PROTOCOL_SETTINGS, useValue: { url: config.JOINT_PROTOCOL_URL } },
        { provide: APP_FILTER, useClass: ErrorPageFilter },
        OrganisationSites,
        FormSessions,
        PublicLimits,
        ComplaintsApiClient,
        JointProtocolClient,
        PartnerLinkSessions,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FormBodyMiddleware).forRoutes('*');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
