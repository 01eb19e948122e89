import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  factProblems,
  isTemplateName,
  loadCorrespondenceContext,
  planDeliveries,
  recipientFor,
  renderForComplaint,
  TEMPLATE_CATALOGUE,
  TemplateRenderer,
  type Audience,
} from '@complaints/activities/correspondence';
import { Complaint } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type FieldProblem } from '@complaints/service-kit';
import type { PreviewDto, PreviewResultDto } from './templates.dto';

const unprocessable = (errors: FieldProblem[]) =>
  new ProblemException({
    status: 422,
    title: 'Cannot preview',
    detail: errors.map((error) => `${error.field}: ${error.reason}`).join('; '),
    errors,
  });

/** A letter or email rendered exactly as the correspondence activity would send it, without sending or storing it. */
@Injectable()
export class CorrespondencePreviewService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly renderer: TemplateRenderer,
  ) {}

  async preview(reference: string, request: PreviewDto): Promise<PreviewResultDto> {
    if (!(await this.dataSource.getRepository(Complaint).existsBy({ reference }))) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no complaint ${reference} in your organisation`,
      });
    }
    const template = request.template;
    if (!isTemplateName(template))
      throw unprocessable([
        { field: 'template', reason: 'is not a template of the catalogue (GET /templates)' },
      ]);
    const facts = request.facts ?? {};
    const problems = factProblems(template, TEMPLATE_CATALOGUE[template].facts, facts);
    if (problems.length > 0)
      throw unprocessable(problems.map(({ fact, message }) => ({ field: `facts.${fact}`, reason: message })));

    const context = await loadCorrespondenceContext(this.dataSource, reference, facts);
    const deliveries = await planDeliveries(
      this.dataSource,
      (request.audience ?? 'complainant') as Audience,
      context,
      template,
    );
    const delivery = request.format
      ? deliveries.find((candidate) => candidate.channel === request.format)
      : deliveries[0];
    if (!delivery) {
      throw unprocessable([
        request.format
          ? { field: 'format', reason: `nothing would be sent to this audience by ${request.format}` }
          : { field: 'audience', reason: 'nothing would be sent to this audience (no usable contact)' },
      ]);
    }
    const today = new Date().toISOString().slice(0, 10);
    try {
      const rendered = renderForComplaint(
        this.renderer,
        template,
        context,
        recipientFor(delivery),
        facts,
        today,
      );
      return { ...rendered, channel: delivery.channel };
    } catch (error) {
      throw unprocessable([
        { field: 'template', reason: `cannot be rendered for this complaint: ${(error as Error).message}` },
      ]);
    }
  }
}
