export * from './errors.js';
export * from './commands.js';
export * from './socket.js';
export * from './presence.js';
export * from './fleets.js';
export * from './wheel.js';
export * from './text.js';
export * from './origins.js';
