import 'reflect-metadata';
import { ValidationPipe, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ConfigError } from './config';
import { RejectNulCharactersPipe } from './nul-characters';
import { addResourceLinks } from './openapi-links';
import { documentSharedProblems } from './openapi-shared-problems';
import { fieldProblems, ProblemDetailsFilter, RequestValidationException } from './problem-details';
import { SERVICE_MODE } from './tokens';

export interface ServiceDescription {
  title: string;
  description: string;
  version?: string;
}

/** Unknown fields are refused, types converted, every invalid field reported (RFC 9457 `errors`). */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The value is kept only so that fieldProblems can tell a missing field from a wrong one; it is
    // never echoed, logged or put in the problem (it may be personal data).
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RequestValidationException(fieldProblems(errors)),
  });
}

/** The service's NODE_ENV as its module declares it; without one, the process's. */
function serviceMode(app: INestApplication): string {
  try {
    return app.get<string>(SERVICE_MODE, { strict: false });
  } catch {
    return process.env.NODE_ENV ?? 'development';
  }
}

/**
 * Applies what every service shares: security headers, logger, problem details, validation, shutdown
 * hooks, and OpenAPI at /docs — except in production, where the API's map is not handed to anyone who
 * asks (the document is built from the code; see the repository).
 */
export function configureApp(app: INestApplication, description: ServiceDescription): void {
  app.use(helmet());
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new RejectNulCharactersPipe(), validationPipe());
  app.enableShutdownHooks();
  if (serviceMode(app) === 'production') return;
  const document = documentSharedProblems(
    addResourceLinks(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle(description.title)
          .setDescription(description.description)
          .setVersion(description.version ?? '0.1.0')
          .addBearerAuth({
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'Staff token (see the README: `npm run token`)',
          })
          .addSecurityRequirements('bearer')
          .build(),
      ),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

export async function createServiceApp(
  module: Type<unknown> | DynamicModule,
  description: ServiceDescription,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  configureApp(app, description);
  return app;
}

/** Entry point of a service process: a configuration error is one readable message and exit code 1. */
export interface ServiceLaunch {
  module: Type<unknown> | DynamicModule;
  port: number;
  /** Loopback unless configured (HOST). */
  host?: string;
  /** Browser origins allowed to call this service (CORS), e.g. the Temporal Web UI for a codec server. */
  corsOrigins?: string[];
}

export async function runService(load: () => ServiceLaunch, description: ServiceDescription): Promise<void> {
  try {
    const { module, port, host, corsOrigins } = load();
    const app = await createServiceApp(module, description);
    if (corsOrigins?.length)
      app.enableCors({
        origin: corsOrigins,
        allowedHeaders: ['Content-Type', 'X-Namespace', 'Authorization'],
      });
    await app.listen(port, host ?? '127.0.0.1');
  } catch (error) {
    const message =
      error instanceof ConfigError
        ? error.message
        : `${description.title} failed to start: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
