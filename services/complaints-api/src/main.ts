import { runService } from '@complaints/service-kit';
import { API_DESCRIPTION } from './api-description';
import { AppModule } from './app.module';
import { loadComplaintsApiConfig } from './config';

void runService(() => {
  const config = loadComplaintsApiConfig();
  return { module: AppModule.forConfig(config), port: config.PORT };
}, API_DESCRIPTION);
