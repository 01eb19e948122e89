import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, serviceCoreImports, staffAuthProviders } from '@complaints/service-kit';
import type { JointProtocolConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: JointProtocolConfig): DynamicModule {
    return {
      module: AppModule,
      imports: serviceCoreImports('joint-protocol', config),
      controllers: [HealthController],
      providers: staffAuthProviders(config),
    };
  }
}
