import { randomUUID } from 'node:crypto';
import { type RequestHandler } from 'express';
import { contextTrace, runWithContext } from '../observability/context';

const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Gives each request its id and trace ids, for the whole of its async work (logs, outgoing calls, events). */
export const requestContext = (): RequestHandler => (req, res, next) => {
  const given = req.get('x-request-id');
  const request_id = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', request_id);
  // the HTTP server span's ids when tracing (its parent came from `traceparent`), else our own child of it
  runWithContext({ request_id, ...contextTrace(req.get('traceparent')) }, next);
};
