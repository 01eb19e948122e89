import { Module, type DynamicModule } from '@nestjs/common';
import type { ComplaintsApiConfig } from '../config';
import { PUBLIC_INTAKE_KEY, PublicIntakeGuard } from '../intake/public-intake.guard';
import { ProgressLinksController } from './progress-links.controller';
import { PROGRESS_SETTINGS, ProgressService } from './progress.service';
import { PublicProgressController } from './public-progress.controller';

/** The complainant's private progress page: the links staff issue, and what the public web service shows. */
@Module({})
export class ProgressModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: ProgressModule,
      controllers: [ProgressLinksController, PublicProgressController],
      providers: [
        { provide: PROGRESS_SETTINGS, useValue: { publicWebUrl: config.PUBLIC_WEB_URL } },
        { provide: PUBLIC_INTAKE_KEY, useValue: config.PUBLIC_INTAKE_KEY },
        PublicIntakeGuard,
        ProgressService,
      ],
    };
  }
}
