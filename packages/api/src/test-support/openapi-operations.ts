/** The operations of an OpenAPI 3.1 document (the app's own `/openapi.json`), flattened for the fuzzer. */

/** The part of JSON Schema that the contract's schemas use. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  example?: unknown;
};

export type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };

/** One operation of the contract, flattened for the fuzzer. */
export type ContractOperation = {
  id: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body: { required: boolean; content: Record<string, JsonSchema> } | null;
  /** Content types of success answers that are not the JSON envelope (CSV, XLSX, iCalendar). */
  rawSuccessTypes: string[];
  /** Statuses whose declared JSON is not the envelope (the probes' `{ status }`). */
  bareJsonStatuses: number[];
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document. */
export function contractOperations(doc: OpenApiDocument): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const rawSuccessTypes = new Set<string>();
      const bareJsonStatuses: number[] = [];
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, { schema }] of Object.entries(response.content ?? {})) {
          if (type !== 'application/json') {
            if (status.startsWith('2')) rawSuccessTypes.add(type);
          } else if (!('code' in (resolve(doc, schema).properties ?? {}))) {
            bareJsonStatuses.push(Number(status));
          }
        }
      }
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody ? { required: op.requestBody.required ?? false, content: Object.fromEntries(Object.entries(op.requestBody.content).map(([t, c]) => [t, c.schema])) } : null,
        rawSuccessTypes: [...rawSuccessTypes],
        bareJsonStatuses,
      });
    }
  }
  return operations;
}

/** `schema` with its `$ref`s followed. */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) current = doc.components.schemas[current.$ref.split('/').pop()!] ?? {};
  return current;
}
