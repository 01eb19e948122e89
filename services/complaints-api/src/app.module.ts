import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, serviceCoreImports } from '@complaints/service-kit';
import type { ComplaintsApiConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: ComplaintsApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: serviceCoreImports('complaints-api', config),
      controllers: [HealthController],
    };
  }
}
