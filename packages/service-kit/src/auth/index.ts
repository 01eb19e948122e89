export * from './public.decorator';
export * from './staff-token';
export * from './staff-auth.guard';
export * from './token-verifier';
export * from './identity-config';
export * from './active-staff';
