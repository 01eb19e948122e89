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
      "The Handlebars source, in place of the standard template or partial. It must compile in strict mode, render for every policy profile, print nothing unescaped (no `{{{ }}}` or `{{& }}`), use no `{{log}}`, `lookup`, inline partial or dynamic partial, load nothing from elsewhere (no images, frames, scripts or remote CSS) and link only to the allowed hosts; and every letter it takes part in must still say all its template's `mustSay` lists (GET /templates), in a readable sentence. Required unless `subject` is given; left out, the standard body is used.",
    example:
      '{{#> letter}}<p>Thank you for your complaint {{reference}}: this letter acknowledges it. We will look into your complaint and aim to send you our full response within {{responseTimescale}}{{#if includes.whenToExpectReply}}, by {{formatDate replyExpectedBy}}{{/if}}.</p>{{/letter}}',
  })
  // Required when there is no subject line, as before subjects could be overridden.
  @ValidateIf((request: SaveOverrideDto) => request.subject === undefined || request.body !== undefined)
  @IsString()
  @MaxLength(MAX_OVERRIDE_LENGTH)
  body?: string;

  @ApiPropertyOptional({
    description:
      "The Handlebars source of the subject line, in place of the template's (a partial has none): one line, tried like the body, and it must print the reference. Left out, the standard subject is used.",
    example: 'Your complaint {{reference}}: we have received it',
  })
  // Absent means the standard subject; null is not a subject line (400, not a failed render).
  @ValidateIf((request: SaveOverrideDto) => request.subject !== undefined)
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
  @ApiProperty({ description: 'The member of staff who proposed it' }) createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'The second complaints manager or senior manager who approved it (issue #14)' })
  approvedBy!: string;
  @ApiProperty() approvedAt!: string;
}

/** One version of an override and where it stands (issue #14): proposed, approved, rejected, superseded or reverted. */
export class OverrideVersionDto {
  @ApiProperty({ example: 'acknowledgement' }) name!: string;
  @ApiProperty({ enum: TEMPLATE_VARIANTS }) variant!: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ description: 'The Handlebars source of the body; absent: the standard body' })
  body?: string;
  @ApiPropertyOptional({
    description: 'The Handlebars source of the subject line; absent: the standard subject',
  })
  subject?: string;
  @ApiProperty({
    enum: ['proposed', 'approved', 'rejected', 'superseded', 'reverted'],
    description:
      '`proposed`: waiting for a second complaints manager or senior manager, not used in letters; `approved`: approved by them; `rejected`; `superseded`: a later version was put in use first; `reverted`: this version put the standard template back',
  })
  status!: string;
  @ApiProperty({ description: 'Whether letters use this version now' }) inUse!: boolean;
  @ApiProperty({ description: 'Who proposed it (or reverted)' }) createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who approved or rejected it' })
  decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
}

export class OverrideVersionQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_VARIANTS, default: 'standard' })
  @IsOptional()
  @IsIn(TEMPLATE_VARIANTS)
  variant?: TemplateVariant;
}

export class ApproveOverrideDto {
  @ApiProperty({
    description:
      "The `renderingDigest` of this version's side-by-side (`GET …/versions/{version}/side-by-side`): the approval is of what you saw",
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, {
    message: 'renderingDigest must be the 64 hex digits the side-by-side returned',
  })
  renderingDigest!: string;

  @ApiPropertyOptional({ enum: TEMPLATE_VARIANTS, default: 'standard' })
  @IsOptional()
  @IsIn(TEMPLATE_VARIANTS)
  variant?: TemplateVariant;
}

export class DecideOverrideDto {
  @ApiPropertyOptional({ enum: TEMPLATE_VARIANTS, default: 'standard' })
  @IsOptional()
  @IsIn(TEMPLATE_VARIANTS)
  variant?: TemplateVariant;
}

export class LetterRenderingDto {
  @ApiProperty() subject!: string;
  @ApiProperty() html!: string;
  @ApiProperty() text!: string;
}

export class SideBySideDto {
  @ApiProperty({
    description: "The letter shown: the override's template, or for a partial the acknowledgement",
  })
  template!: string;
  @ApiProperty({ enum: TEMPLATE_VARIANTS }) variant!: string;
  @ApiProperty({ type: LetterRenderingDto, description: 'Without this override' })
  standard!: LetterRenderingDto;
  @ApiProperty({ type: LetterRenderingDto, description: 'With this version in place' })
  proposed!: LetterRenderingDto;
  @ApiProperty({ description: 'Give it back to approve: it names exactly these two renderings' })
  renderingDigest!: string;
}

export class MustSayElementDto {
  @ApiProperty({ example: 'reference' }) element!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ value: ['reference'] }],
    description: 'The ways the element may be shown; any one of them will do',
  })
  checks!: object[];
}

export class TemplateVariantDto {
  @ApiProperty({ enum: TEMPLATE_VARIANTS }) variant!: string;
  @ApiProperty({ description: 'The standard version; sent items record it' }) version!: number;
  @ApiProperty({ description: 'Handlebars source of the subject line' }) subject!: string;
  @ApiProperty({
    type: [MustSayElementDto],
    description:
      'What every letter from this variant must say (issue #14), each element with the ways it may be shown (`value`, `anyValue`, `date`: paths into the letter data; `says`: a pattern; `ombudsman`: the fixed details of the route); an override that loses one is refused naming it',
    example: [{ element: 'reference', checks: [{ value: ['reference'] }] }],
  })
  mustSay!: { element: string; checks: object[] }[];
  @ApiPropertyOptional({
    type: OverrideDto,
    nullable: true,
    description: "Your organisation's override in use (approved by a second manager)",
  })
  override!: OverrideDto | null;
  @ApiProperty({ type: [Number], description: 'Versions proposed and waiting for a second manager' })
  proposals!: number[];
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
    description: "Your organisation's override in use (approved by a second manager)",
  })
  override!: OverrideDto | null;
  @ApiProperty({ type: [Number], description: 'Versions proposed and waiting for a second manager' })
  proposals!: number[];
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
    example: {
      previousDue: null,
      newDue: '2026-05-12',
      reason: 'complexity',
      progressReport: false,
      agreedWith: 'complainant',
      agreedOn: '2026-05-11',
      agreedBy: 'telephone',
    },
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
