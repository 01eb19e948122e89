import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadCorrespondenceConfig } from './config';

void runService(
  () => {
    const config = loadCorrespondenceConfig();
    return { module: AppModule.forConfig(config), port: config.PORT };
  },
  {
    title: 'Correspondence',
    description: 'Templates, rendering, delivery and the log of every letter and email about a complaint. Errors are RFC 9457 problem details.',
  },
);
