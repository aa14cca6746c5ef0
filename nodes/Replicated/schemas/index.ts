export * from './app';
export * from './pages';
export { nullable } from './common';
