// Public surface of @starhold/common. Pure code only: no Node or browser APIs, no IO,
// no clock; time, settings and randomness are always passed in.
export * from './rules/index.js';
export * from './protocol/index.js';
export * from './combat/index.js';
