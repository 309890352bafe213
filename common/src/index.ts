export * from './roles.js';
export * from './errors.js';
export * from './i18n/index.js';
