import { Module } from '@nestjs/common';
import { TemplateRenderer } from '@complaints/activities/correspondence';
import { CorrespondencePreviewController } from './correspondence-preview.controller';
import { CorrespondencePreviewService } from './correspondence-preview.service';
import { TemplateOverridesService } from './template-overrides.service';
import { TemplatesController } from './templates.controller';

/** The template catalogue, organisations' overrides, and previews of correspondence. */
@Module({
  controllers: [TemplatesController, CorrespondencePreviewController],
  providers: [
    { provide: TemplateRenderer, useFactory: () => new TemplateRenderer() },
    TemplateOverridesService,
    CorrespondencePreviewService,
  ],
})
export class TemplatesModule {}
