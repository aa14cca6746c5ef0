export {
	CREDENTIAL_TYPE,
	DEFAULT_BASE_URL,
	readCredentials,
	type ReplicatedContext,
	type ReplicatedCredentials,
} from './context';
export { type ApiRequest, type ApiResponse, apiRequest, type ByteStream, send } from './request';
export {
	checkComplete,
	collect,
	Collector,
	inOrder,
	MAX_PAGES,
	type Page,
	PAGE_CONCURRENCY,
	type PageOptions,
	type PageReading,
	pagesFor,
	readItems,
	readPages,
	type ReadPage,
} from './pagination';
export {
	type ExportDownload,
	type ExportFormat,
	type LicenseFile,
	openExport,
	readLicenseFile,
} from './download';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export {
	asNodeError,
	isForbidden,
	isNotFound,
	redact,
	replicatedSaid,
	replicatedErrorMessage,
	saysWhatToDo,
} from './errors';
