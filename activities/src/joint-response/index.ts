export * from './contract';
export * from './notify-partner.activity';
