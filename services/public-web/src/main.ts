import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@complaints/service-kit';
import { AppModule } from './app.module';
import { loadPublicWebConfig } from './config';
import { configureWebApp } from './web-app';

async function main(): Promise<void> {
  try {
    const config = loadPublicWebConfig();
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
      bufferLogs: true,
      bodyParser: false,
    });
    configureWebApp(app);
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `Public web failed to start: ${(error as Error).message}`}\n`,
    );
    process.exit(1);
  }
}

void main();
