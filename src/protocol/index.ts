// ws101's protocol core: pure TypeScript, shared by the page, the server and the CLI.
export * from './closeCodes.ts';
export * from './encoder.ts';
export * from './frame.ts';
export * from './frameHeader.ts';
export * from './i18n.ts';
export * from './mask.ts';
export * from './opcodes.ts';
export * from './streamDecoder.ts';
export * from './violations.ts';
