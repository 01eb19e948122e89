import {
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  Inject,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { createSmtpMailer, type Mailer } from '@complaints/activities/correspondence';
import { createJointResponseActivities } from '@complaints/activities/joint-response';
import {
  DATA_SOURCE,
  HealthController,
  RATE_LIMITS,
  RateLimitGuard,
  rateLimitsOf,
  serviceCoreImports,
  TemporalWorkerHost,
  temporalSettings,
  TOKEN_VERIFIER,
  tokenVerifierFor,
  workflowSandboxOptions,
} from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import type { JointProtocolConfig } from './config';
import { PartnerAuthGuard } from './partners/partner-auth.guard';
import { PartnerCases } from './partners/partner-cases.service';
import { PartnerCasesController } from './partners/partner-cases.controller';
import { PartnerLinksController } from './partners/partner-links.controller';

export const MAILER = Symbol('MAILER');

/**
 * The partners' API (partner sign-in, their joint cases, single-use links) and the `joint-protocol` task
 * queue's worker: the jointResponse workflow and its notifications to partners (ADR 0019).
 */
@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  static forConfig(config: JointProtocolConfig): DynamicModule {
    const worker: Provider[] = config.COMMAND_VERIFICATION_KEYS
      ? [
          {
            provide: TemporalWorkerHost,
            inject: [DATA_SOURCE, MAILER],
            useFactory: (dataSource: DataSource, mailer: Mailer) =>
              new TemporalWorkerHost(temporalSettings(config), () => ({
                taskQueue: TASK_QUEUES.jointProtocol,
                workflowsPath: require.resolve('@complaints/workflows/joint-response'),
                activities: createJointResponseActivities({
                  dataSource,
                  mailer,
                  from: config.MAIL_FROM,
                  messageIdDomain: config.MESSAGE_ID_DOMAIN,
                  partnerServiceUrl: config.PARTNER_SERVICE_URL,
                  partnerLinkUrl: config.PARTNER_LINK_URL,
                }),
                // Only Updates signed by the complaints API or this service are taken (ADR 0012).
                interceptors: { workflowModules: [require.resolve('@complaints/workflows/interceptors')] },
                ...workflowSandboxOptions({
                  ...config,
                  COMMAND_VERIFICATION_KEYS: config.COMMAND_VERIFICATION_KEYS!,
                }),
              })),
          },
        ]
      : [];
    return {
      module: AppModule,
      imports: serviceCoreImports('joint-protocol', config),
      controllers: [HealthController, PartnerCasesController, PartnerLinksController],
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => tokenVerifierFor(config) },
        { provide: APP_GUARD, useClass: PartnerAuthGuard },
        // After sign-in, so each partner user or link session has its own budget (per address before it).
        { provide: RATE_LIMITS, useValue: rateLimitsOf(config) },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: MAILER, useFactory: () => createSmtpMailer(config.SMTP_URL) },
        PartnerCases,
        ...worker,
      ],
    };
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
