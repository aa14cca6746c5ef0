export { CREDENTIAL_TYPE, DEFAULT_BASE_URL, type ReplicatedContext } from './context';
export { type ApiRequest, type ApiResponse, apiRequest, type ByteStream, send } from './request';
export {
	appCustomers,
	collect,
	type OffsetReading,
	offsetReading,
	type PageOptions,
	searchCustomers,
	searchOffset,
	searchPage,
} from './pagination';
export {
	downloadLicenseFile,
	type ExportDownload,
	type ExportFormat,
	type LicenseFile,
	openInstanceExport,
} from './download';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export {
	asNodeError,
	redact,
	replicatedErrorMessage,
	requiredPolicy,
	saysWhatToDo,
} from './errors';
