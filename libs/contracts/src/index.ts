export * from './envelope';
export * from './errors';
export * from './events';
export * from './health';
export * from './topics';
export * from './users/users.schemas';
export * from './users/user-events';
