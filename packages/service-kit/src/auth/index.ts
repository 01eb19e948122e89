export * from './public.decorator';
export * from './staff-token';
export * from './staff-auth.guard';
