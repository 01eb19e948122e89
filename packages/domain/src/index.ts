export * from './local-date';
export * from './calendar';
export * from './deadlines';
export * from './profiles';
export * from './reference';
export * from './final-response';
export * from './delays';
export * from './allocation';
