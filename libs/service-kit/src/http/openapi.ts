import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ErrorEnvelopeSchema, HealthResponseSchema, ReadyResponseSchema } from '@platform/contracts';
import { type Express, Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { type z } from 'zod';
import { listRoutes } from './route-list';

/**
 * OpenAPI for every service, registered per component: each `<component>.openapi.ts` beside its routes
 * exports an `OpenApiRegistrar`, and `buildOpenApiDocument` puts them together with the paths that
 * `createService` serves itself (/health, /ready, /metrics) and /openapi.json.
 */
export type OpenApiRegistrar = (registry: OpenAPIRegistry) => void;
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** Who may call: anyone, a signed-in user (JWT or, where allowed, an API key), or another service. */
export type Access = 'public' | 'user' | 'service';
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** What each error status means when an operation does not say more (seed 002 §8 codes). */
const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: 'VALIDATION_ERROR: the body, query or path is invalid (details.field names it)',
  401: 'AUTHENTICATION_FAILED: missing, expired, revoked or invalid credential',
  403: 'FORBIDDEN: the credential lacks the right (a role, or an API key where a user is needed)',
  404: 'NOT_FOUND',
  409: 'CONFLICT: the request conflicts with the current state',
  413: 'PAYLOAD_TOO_LARGE: the body exceeds the limit',
  415: 'VALIDATION_ERROR: the body has a charset or content encoding the server does not read',
  429: 'RATE_LIMIT_EXCEEDED: too many requests (Retry-After says when to try again)',
  503: 'SERVICE_UNAVAILABLE: a datastore the request needs is unavailable; retry later',
};

export interface OperationSpec {
  method: RouteConfig['method'];
  path: string;
  summary: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads (e.g. X-Tenant-Id of a service call): an absent one is a 400. */
  headers?: z.ZodObject;
  /** A JSON body, always required: the server answers an empty one with 400. */
  body?: z.ZodType;
  /** The success answers: status → description and JSON schema (none for 204). */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /**
   * Error answers beyond those implied by the spec (400 with any input, 413 and 415 with a body, 401 and 403
   * for `user`, 401 for `service`, 503 always): status → what it means here, or `false` to leave a
   * default out (a route that touches no datastore cannot answer 503).
   */
  errors?: Partial<Record<ErrorStatus, string | false>>;
}

const json = (schema: z.ZodType, contentType = 'application/json') => ({ [contentType]: { schema } });

/** Registers one operation with every status it can answer; errors in the platform's envelope. */
export function registerOperation(registry: OpenAPIRegistry, op: OperationSpec): void {
  const implied: Partial<Record<ErrorStatus, string>> = {
    ...(op.params || op.query || op.headers || op.body ? { 400: ERROR_MEANING[400] } : {}),
    ...(op.body ? { 413: ERROR_MEANING[413], 415: ERROR_MEANING[415] } : {}),
    ...(op.access === 'user' ? { 401: ERROR_MEANING[401], 403: ERROR_MEANING[403] } : {}),
    ...(op.access === 'service' ? { 401: 'AUTHENTICATION_FAILED: no valid service token' } : {}),
    503: ERROR_MEANING[503],
  };
  const errors = { ...implied, ...op.errors };
  const errorResponses = Object.entries(errors).flatMap(([status, meaning]) =>
    meaning === false || meaning === undefined
      ? []
      : [[status, { description: meaning, content: json(ErrorEnvelopeSchema) }] as const],
  );
  registry.registerPath({
    method: op.method,
    path: op.path,
    summary: op.summary,
    security: op.access === 'user' ? [{ bearer: [] }] : op.access === 'service' ? [{ serviceToken: [] }] : [],
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { headers: op.headers } : {}),
      ...(op.body ? { body: { required: true, content: json(op.body) } } : {}),
    },
    responses: {
      ...Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: json(r.schema, r.contentType) } : {}) },
        ]),
      ),
      ...Object.fromEntries(errorResponses),
    },
  });
}

/** The paths `createService` and `openApiRouter` serve in every service. */
function registerPlatformPaths(registry: OpenAPIRegistry): void {
  const platform = (p: Omit<OperationSpec, 'method' | 'access'>) =>
    registerOperation(registry, { method: 'get', access: 'public', ...p });
  platform({
    path: '/health',
    summary: 'Health (seed 002 §4)',
    responses: {
      200: { description: 'Healthy or degraded', schema: HealthResponseSchema },
      503: { description: 'Unhealthy', schema: HealthResponseSchema },
    },
    errors: { 503: false },
  });
  platform({
    path: '/ready',
    summary: 'Readiness: false while draining or a critical dependency is down',
    responses: {
      200: { description: 'Ready', schema: ReadyResponseSchema },
      503: { description: 'Not ready', schema: ReadyResponseSchema },
    },
    errors: { 503: false },
  });
  platform({
    path: '/metrics',
    summary: 'Prometheus metrics',
    responses: { 200: { description: 'Prometheus text format' } },
    errors: { 503: false },
  });
  platform({
    path: '/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
    errors: { 503: false },
  });
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  serverUrl?: string;
}

/** The service's document: the platform paths, then each component's registrar. */
export function buildOpenApiDocument(info: OpenApiInfo, registrars: OpenApiRegistrar[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registry.registerComponent('securitySchemes', 'serviceToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'service token of the calling service',
  });
  registerPlatformPaths(registry);
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
  });
}

/** `/openapi.json` and the Swagger UI at `/docs` (its assets come from the npm package, no CDN). */
export function openApiRouter(document: OpenApiDocument): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
  return router;
}

/** Writes the committed copy (`contracts/openapi/<service>.json`) that a test keeps current. */
export function writeOpenApiFile(document: OpenApiDocument, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}

/**
 * Both directions at once: routes the app serves that the document does not describe, and documented
 * operations no route serves. Each entry reads `get /users/{id}`; both lists empty means they agree.
 */
export function compareRoutesWithDocument(
  app: Express,
  document: OpenApiDocument,
): { undocumented: string[]; unrouted: string[] } {
  const served = new Set(listRoutes(app).map((r) => `${r.method} ${r.path}`));
  const documented = new Set(
    Object.entries(document.paths ?? {}).flatMap(([p, item]) =>
      Object.keys(item ?? {})
        .filter((k) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(k))
        .map((method) => `${method} ${p}`),
    ),
  );
  return {
    undocumented: [...served].filter((r) => !documented.has(r)).sort(),
    unrouted: [...documented].filter((r) => !served.has(r)).sort(),
  };
}
