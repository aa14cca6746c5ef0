export { ReplicatedApi } from './credentials/ReplicatedApi.credentials';
export { Replicated } from './nodes/Replicated/Replicated.node';
export * as transport from './nodes/Replicated/transport';
export * as schemas from './nodes/Replicated/schemas';
