import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadWorkerConfig } from './config';

void runService(
  () => {
    const config = loadWorkerConfig();
    return { module: AppModule.forConfig(config), port: config.PORT };
  },
  {
    title: 'Complaints worker',
    description: 'Runs the complaint workflows and the case-record activities on the `complaints` task queue. Only /health is served.',
  },
);
