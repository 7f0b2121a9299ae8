import { IdempotencyKeySchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { type Request } from 'express';
import { z } from 'zod';
import { uuidV5 } from './training-data/training-rows';

/** The optional `Idempotency-Key` request header (8 to 128 printable characters), for the OpenAPI too. */
export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': IdempotencyKeySchema.optional().meta({
    description: 'A resend with the same key is the same record, stored once',
  }),
});

/** The request's Idempotency-Key, if it sent one; a malformed one is a 400. */
export const idempotencyKeyOf = (req: Request): string | undefined =>
  parseInput(IdempotencyHeadersSchema, { 'idempotency-key': req.get('idempotency-key') }, 'headers')[
    'idempotency-key'
  ];

// RFC 4122 name space of the ids made from an Idempotency-Key (a fixed random uuid: changing it would
// give a resend across the change another id)
const KEY_NAMESPACE = 'c1d7e0a4-5b2f-4e8a-9c3d-7f6e5a4b3c2d';

/**
 * The id a client's Idempotency-Key stands for within a scope (a producer, a tenant's route): the same
 * scope and key always give the same id, so a resend after a lost answer or a 503 (the first attempt
 * may have reached Kafka after all) is stored under the first attempt's id, and the store keeps one.
 */
export const idOfKey = (scope: string, key: string): string => uuidV5(`${scope}:${key}`, KEY_NAMESPACE);
