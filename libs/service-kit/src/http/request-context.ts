import { randomUUID } from 'node:crypto';
import { type RequestHandler } from 'express';
import { runWithContext, traceFrom } from '../observability/context';

const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Gives each request its id and trace ids, for the whole of its async work (logs, outgoing calls, events). */
export const requestContext = (): RequestHandler => (req, res, next) => {
  const given = req.get('x-request-id');
  const request_id = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', request_id);
  runWithContext({ request_id, ...traceFrom(req.get('traceparent')) }, next);
};
