export { ReplicatedApi } from './credentials/ReplicatedApi.credentials';
export { Replicated } from './nodes/Replicated/Replicated.node';
export * as api from './nodes/Replicated/api';
export * as transport from './nodes/Replicated/transport';
export * as schemas from './nodes/Replicated/schemas';
export { ReplicatedWebhookApi } from './credentials/ReplicatedWebhookApi.credentials';
export { ReplicatedTrigger } from './nodes/Replicated/ReplicatedTrigger.node';
export * as webhook from './nodes/Replicated/trigger/public';
