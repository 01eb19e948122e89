import { Module } from '@nestjs/common';
import { ExportAccessRecorder } from './export-access.recorder';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessService } from './subject-access.service';

/** Subject access: everything held about a person, for complaints managers. */
@Module({ controllers: [SubjectAccessController], providers: [SubjectAccessService, ExportAccessRecorder] })
export class SubjectAccessModule {}
