import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  MAX_OVERRIDE_LENGTH,
  MAX_SUBJECT_LENGTH,
  TEMPLATE_VARIANTS,
  type TemplateVariant,
} from '@complaints/activities/correspondence';

/** The override as a whole: a body, a subject line, or both; what is left out is the standard one. */
export class SaveOverrideDto {
  @ApiPropertyOptional({
    description:
      'The Handlebars source, in place of the standard template or partial. It must compile in strict mode, render for every policy profile, and print nothing unescaped (no `{{{ }}}` or `{{& }}`). Required unless `subject` is given; left out, the standard body is used.',
    example:
      '{{#> letter}}<p>Thank you for your complaint {{reference}}. We will be in touch.</p>{{/letter}}',
  })
  // Required when there is no subject line, as before subjects could be overridden.
  @ValidateIf((request: SaveOverrideDto) => request.subject === undefined || request.body !== undefined)
  @IsString()
  @MaxLength(MAX_OVERRIDE_LENGTH)
  body?: string;

  @ApiPropertyOptional({
    description:
      "The Handlebars source of the subject line, in place of the template's (a partial has none): one line, tried like the body. Left out, the standard subject is used.",
    example: 'Your complaint {{reference}}: we have received it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SUBJECT_LENGTH)
  subject?: string;

  @ApiPropertyOptional({
    enum: TEMPLATE_VARIANTS,
    default: 'standard',
    description: 'Which variant of the template; a partial is shared by every variant, so always `standard`',
  })
  @IsOptional()
  @IsIn(TEMPLATE_VARIANTS)
  variant?: TemplateVariant;
}

export class RevertOverrideQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_VARIANTS, default: 'standard' })
  @IsOptional()
  @IsIn(TEMPLATE_VARIANTS)
  variant?: TemplateVariant;
}

export class OverrideDto {
  @ApiProperty({ example: 'acknowledgement' }) name!: string;
  @ApiProperty({ enum: TEMPLATE_VARIANTS }) variant!: string;
  @ApiProperty({ description: 'Sent items record it as template version n (templateSource `organisation`)' })
  version!: number;
  @ApiPropertyOptional({ description: 'The Handlebars source of the body; absent: the standard body' })
  body?: string;
  @ApiPropertyOptional({
    description: 'The Handlebars source of the subject line; absent: the standard subject',
  })
  subject?: string;
  @ApiProperty({ description: 'The member of staff who saved it' }) createdBy!: string;
  @ApiProperty() createdAt!: string;
}

export class TemplateVariantDto {
  @ApiProperty({ enum: TEMPLATE_VARIANTS }) variant!: string;
  @ApiProperty({ description: 'The standard version; sent items record it' }) version!: number;
  @ApiProperty({ description: 'Handlebars source of the subject line' }) subject!: string;
  @ApiPropertyOptional({
    type: OverrideDto,
    nullable: true,
    description: "Your organisation's override in use",
  })
  override!: OverrideDto | null;
}

export class TemplateDto {
  @ApiProperty({ example: 'acknowledgement' }) name!: string;
  @ApiProperty({ enum: ['letter', 'staff'] }) kind!: string;
  @ApiProperty({
    description: 'The facts the workflow must pass, each with its type (`one-of` lists its values)',
    example: { newDue: { type: 'date' } },
  })
  facts!: Record<string, unknown>;
  @ApiProperty({ type: [TemplateVariantDto] }) variants!: TemplateVariantDto[];
}

export class PartialDto {
  @ApiProperty({ example: 'letterhead' }) name!: string;
  @ApiPropertyOptional({
    type: OverrideDto,
    nullable: true,
    description: "Your organisation's override in use",
  })
  override!: OverrideDto | null;
}

export class TemplateCatalogueDto {
  @ApiProperty({ type: [TemplateDto] }) templates!: TemplateDto[];
  @ApiProperty({
    type: [PartialDto],
    description: 'Shared pieces (letterhead, signature…), each can be overridden',
  })
  partials!: PartialDto[];
}

export class PreviewDto {
  @ApiProperty({ example: 'timescale-extended' })
  @IsString()
  template!: string;

  @ApiPropertyOptional({
    description: "The template's facts, as the workflow would pass them (see `GET /templates`)",
    example: { previousDue: null, newDue: '2026-05-12', reason: 'complexity', progressReport: false },
  })
  @IsOptional()
  @IsObject()
  facts?: Record<string, string | number | boolean | null>;

  @ApiPropertyOptional({
    default: 'complainant',
    description: 'complainant, handler, complaints-manager, senior-manager, responsible-person or staff:<id>',
  })
  @IsOptional()
  @Matches(/^(complainant|handler|complaints-manager|senior-manager|responsible-person|staff:.+)$/)
  audience?: string;

  @ApiPropertyOptional({
    enum: ['email', 'letter'],
    description: 'Default: the first channel the item would go by',
  })
  @IsOptional()
  @IsIn(['email', 'letter'])
  format?: 'email' | 'letter';
}

export class PreviewResultDto {
  @ApiProperty() template!: string;
  @ApiProperty({ enum: TEMPLATE_VARIANTS }) variant!: string;
  @ApiProperty({ enum: ['standard', 'organisation'] }) templateSource!: string;
  @ApiProperty() templateVersion!: number;
  @ApiProperty({ example: [{ name: 'letterhead', version: 2 }] }) partialOverrides!: {
    name: string;
    version: number;
  }[];
  @ApiProperty({ enum: ['email', 'letter'] }) channel!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() html!: string;
  @ApiProperty() text!: string;
}
