import { HttpException, Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/** The largest form accepted: the longest answer (20,000 characters) with room for every other field. */
export const FORM_LIMIT_KB = 200;

export class FormTooLarge extends HttpException {
  constructor() {
    super(`form larger than ${FORM_LIMIT_KB} KB`, 413);
  }
}

const parse = express.urlencoded({ extended: false, limit: `${FORM_LIMIT_KB}kb`, parameterLimit: 200 });

/** Reads url-encoded forms (the only body this service takes); too large a form is the error page, which says the limit. */
@Injectable()
export class FormBodyMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    parse(request, response, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number }).status;
        next(status === 413 ? new FormTooLarge() : new HttpException('bad form', 400));
        return;
      }
      next();
    });
  }
}
