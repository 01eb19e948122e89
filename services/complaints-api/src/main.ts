import { runService } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadComplaintsApiConfig } from './config';

export const API_DESCRIPTION = {
  title: 'Complaints API',
  description:
    'Intake and the internal API of the complaints team: complaints, worklists and staff commands, following the NHS complaints procedure. ' +
    'Every endpoint except /health and /docs needs a staff bearer token. Errors are RFC 9457 problem details.',
};

void runService(() => {
  const config = loadComplaintsApiConfig();
  return { module: AppModule.forConfig(config), port: config.PORT };
}, API_DESCRIPTION);
