import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FORM_LIMIT_KB, FormTooLarge } from '../hardening/form-body.middleware';
import { logSafePath } from '../hardening/log-safe-path';
import { HoneypotFilled, TooManyRequests } from '../hardening/public-limits';

interface ErrorPage {
  status: number;
  title: string;
  paragraphs: string[];
}

/**
 * Every error is a page in plain words: never a stack trace, an exception's message or anything the
 * person typed. Unexpected errors are logged by type only (no message: it may hold personal data).
 */
@Catch()
export class ErrorPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorPage');

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const page = this.pageFor(error);
    if (page.status >= 500)
      this.logger.error(
        { err: { type: (error as Error)?.name ?? typeof error }, path: logSafePath(request.path) },
        'unexpected error',
      );
    if (response.headersSent) return;
    response.status(page.status).render('error.njk', { page, cspNonce: response.locals.cspNonce });
  }

  private pageFor(error: unknown): ErrorPage {
    if (error instanceof TooManyRequests)
      return {
        status: 429,
        title: 'You have sent too many requests',
        paragraphs: [
          `To protect this service, there is a limit on how often it can be used. Try again in ${Math.ceil(error.retryAfterSeconds / 60)} minutes.`,
          'If you need to contact us sooner, use the telephone number or email address at the bottom of the page.',
        ],
      };
    if (error instanceof FormTooLarge)
      return {
        status: 413,
        title: 'Your answer is too long to send',
        paragraphs: [
          `A page of this form can send up to ${FORM_LIMIT_KB} KB (about ${(FORM_LIMIT_KB * 500).toLocaleString('en-GB')} words). Go back, shorten your answer and try again.`,
          'You can send us anything else by email or post once we have your complaint.',
        ],
      };
    if (error instanceof HoneypotFilled)
      return {
        status: 400,
        title: 'Sorry, we could not accept this form',
        paragraphs: ['Go back and try again. If it happens again, contact us by telephone or email.'],
      };
    if (error instanceof HttpException && error.getStatus() === 403)
      return {
        status: 403,
        title: 'Sorry, this page has timed out',
        paragraphs: [
          'We could not check that this form came from this website, or the page was open for too long.',
          'Go back to the start of the form. Your answers are kept for an hour after your last page.',
        ],
      };
    if (error instanceof HttpException && error.getStatus() === 404)
      return {
        status: 404,
        title: 'Page not found',
        paragraphs: [
          'If you typed the web address, check it is correct.',
          'If you pasted the web address, check you copied the entire address.',
        ],
      };
    if (error instanceof HttpException && error.getStatus() < 500)
      return {
        status: error.getStatus(),
        title: 'Sorry, there is a problem',
        paragraphs: ['Go back and try again.'],
      };
    return {
      status: 500,
      title: 'Sorry, there is a problem with the service',
      paragraphs: [
        'Try again later. If you were sending a form, your answers are kept for an hour, and sending it again will not make a second complaint.',
        'You can also contact us by telephone or email.',
      ],
    };
  }
}
