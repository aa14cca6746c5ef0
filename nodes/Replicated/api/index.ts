/** Replicated's routes, one file per endpoint group (the package's programmatic surface: `api`). */
export * from './apps';
export * from './channels';
export * from './customers';
export * from './enterprise-portal';
export * from './instances';
export * from './licenses';
export * from './notifications';
export { operation, type Operation, pathOf, type Route, route, target } from './route';
