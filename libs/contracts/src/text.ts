import { z } from 'zod';

/** No NUL: PostgreSQL's text cannot store one (22021, a 400 a document did not state; schemathesis). */
const NO_NUL = /^[^\u0000]*$/; // eslint-disable-line no-control-regex -- a NUL is what it refuses

/** A string a PostgreSQL text column can store, the rule in the OpenAPI document as a pattern. */
export const storableText = () => z.string().regex(NO_NUL, 'must not hold a NUL character');
