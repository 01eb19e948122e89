import { runService } from '@complaints/service-kit';
import { SERVICE_DESCRIPTION } from './service-description';
import { AppModule } from './app.module';
import { loadComplaintsApiConfig } from './config';

void runService(() => {
  const config = loadComplaintsApiConfig();
  return { module: AppModule.forConfig(config), port: config.PORT, host: config.HOST };
}, SERVICE_DESCRIPTION);
