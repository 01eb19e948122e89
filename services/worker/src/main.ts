import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadWorkerConfig } from './config';
import { SERVICE_DESCRIPTION } from './service-description';

void runService(() => {
  const config = loadWorkerConfig();
  return {
    module: AppModule.forConfig(config),
    port: config.PORT,
    host: config.HOST,
    corsOrigins: config.CODEC_CORS_ORIGINS,
  };
}, SERVICE_DESCRIPTION);
