import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadJointProtocolConfig } from './config';
import { SERVICE_DESCRIPTION } from './service-description';

void runService(() => {
  const config = loadJointProtocolConfig();
  return { module: AppModule.forConfig(config), port: config.PORT, host: config.HOST };
}, SERVICE_DESCRIPTION);
