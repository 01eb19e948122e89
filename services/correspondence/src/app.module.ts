import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  createCorrespondenceActivities,
  createCorrespondenceResender,
  createSmtpMailer,
  TemplateRenderer,
  type Mailer,
} from '@complaints/activities/correspondence';
import { createExperienceSurveyActivities } from '@complaints/activities/experience-survey';
import {
  DATA_SOURCE,
  HealthController,
  serviceCoreImports,
  staffAuthProviders,
  TemporalWorkerHost,
  temporalSettings,
} from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { mailerOptions, type CorrespondenceConfig } from './config';
import { CaseFileDoor } from './correspondence/case-file-door';
import { CorrespondenceController } from './correspondence/correspondence.controller';
import { DeliveryController, RESENDER } from './correspondence/delivery.controller';
import { OmbudsmanPackController } from './correspondence/ombudsman-pack.controller';
import { TemplatesModule } from './templates/templates.module';

export const MAILER = Symbol('MAILER');

/** Owns outgoing correspondence: hosts the `correspondence` task queue's worker (render, deliver, record). */
@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  static forConfig(config: CorrespondenceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...serviceCoreImports('correspondence', config), TemplatesModule],
      controllers: [HealthController, CorrespondenceController, DeliveryController, OmbudsmanPackController],
      providers: [
        ...staffAuthProviders(config),
        { provide: APP_INTERCEPTOR, useClass: CaseFileDoor },
        { provide: MAILER, useFactory: () => createSmtpMailer(config.SMTP_URL, mailerOptions(config)) },
        {
          provide: RESENDER,
          inject: [DATA_SOURCE, MAILER],
          useFactory: (dataSource: DataSource, mailer: Mailer) =>
            createCorrespondenceResender({
              dataSource,
              mailer,
              messageIdDomain: config.MESSAGE_ID_DOMAIN,
              defaultFrom: config.MAIL_FROM,
              publicWebUrl: config.PUBLIC_WEB_URL,
            }),
        },
        {
          provide: TemporalWorkerHost,
          inject: [DATA_SOURCE, MAILER],
          useFactory: (dataSource: DataSource, mailer: Mailer) =>
            new TemporalWorkerHost(temporalSettings(config), () => {
              const correspondence = createCorrespondenceActivities({
                dataSource,
                mailer,
                renderer: new TemplateRenderer(),
                messageIdDomain: config.MESSAGE_ID_DOMAIN,
                defaultFrom: config.MAIL_FROM,
                // ADR 0028: the acknowledgement's progress link or code points at the public site.
                publicWebUrl: config.PUBLIC_WEB_URL,
              });
              return {
                taskQueue: TASK_QUEUES.correspondence,
                activities: {
                  ...correspondence,
                  // ADR 0023: the survey's invitations after closure, with their single-use links or codes.
                  ...createExperienceSurveyActivities({
                    dataSource,
                    mailer,
                    publicWebUrl: config.PUBLIC_WEB_URL,
                    messageIdDomain: config.MESSAGE_ID_DOMAIN,
                    defaultFrom: config.MAIL_FROM,
                    sendCorrespondence: correspondence.sendCorrespondence,
                  }),
                },
              };
            }),
        },
      ],
    };
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
