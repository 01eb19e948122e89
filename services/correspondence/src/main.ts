import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadCorrespondenceConfig } from './config';
import { SERVICE_DESCRIPTION } from './service-description';

void runService(() => {
  const config = loadCorrespondenceConfig();
  return { module: AppModule.forConfig(config), port: config.PORT, host: config.HOST };
}, SERVICE_DESCRIPTION);
