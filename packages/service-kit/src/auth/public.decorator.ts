import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Marks an endpoint as open without a staff token (health and docs only). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
