import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadJointProtocolConfig } from './config';

void runService(
  () => {
    const config = loadJointProtocolConfig();
    return { module: AppModule.forConfig(config), port: config.PORT };
  },
  {
    title: 'Joint protocol',
    description: 'Partner organisations working on one joint response to a complaint that spans several organisations (procedure §6). Errors are RFC 9457 problem details.',
  },
);
