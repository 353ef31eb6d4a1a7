/**
 * The typed SDK of the CRM module's API: a client over openapi-fetch that unwraps the `{ code, message,
 * data }` envelope and reports failures as {@link CrmError}, plus the types generated from the contract.
 * @packageDocumentation
 */
export { createCrmClient, type CrmClient, type CrmClientOptions } from './crm-client.ts';
export { CrmError, type CrmClientErrorCode } from './crm-error.ts';
export type { CrmData, CrmHttpMethod, CrmListItem, CrmListPath, CrmPath, CrmResult, UnwrapEnvelope } from './crm-types.ts';
/** The API's error body `{ code, message, error, details?, request_id }` (the schema named `Error`). */
export type { Error as CrmErrorBody } from './schema.d.ts';
// Every schema the API registers by name (`Customer`, `CustomerSummary`, `CustomerCreate`, `Contact`, …)
// and `paths`, `components`, `operations`: generated, so new routes need no edit here.
export type * from './schema.d.ts';
