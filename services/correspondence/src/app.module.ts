import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, serviceCoreImports } from '@complaints/service-kit';
import type { CorrespondenceConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: CorrespondenceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: serviceCoreImports('correspondence', config),
      controllers: [HealthController],
    };
  }
}
