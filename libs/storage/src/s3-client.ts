import { S3Client } from '@aws-sdk/client-s3';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server (versitygw, MinIO …); undefined for AWS itself. */
  endpoint?: string;
  /** Both or neither: without them the SDK's default chain (environment, IAM role …) applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** A socket idle this long fails the request (the SDK then retries it). */
  requestTimeoutMs: number;
  /** Attempts per request, the first included (the SDK's standard retry mode: backoff with jitter). */
  maxAttempts: number;
}

/** Opening a TCP connection that takes longer than this is a failed attempt. */
const CONNECTION_TIMEOUT_MS = 3000;

/**
 * One S3 client from the settings. Path-style addressing (`endpoint/bucket/key`) for S3-compatible
 * servers: they do not serve a DNS name per bucket. `maxAttempts` 1 makes a client that never retries
 * by itself (uploads of a file stream: a consumed stream cannot be sent again, so the caller retries).
 */
export function createS3Client(s: S3Settings, maxAttempts = s.maxAttempts): S3Client {
  const credentials =
    s.accessKeyId && s.secretAccessKey
      ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }
      : undefined;
  return new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.endpoint !== undefined,
    credentials,
    maxAttempts,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: s.requestTimeoutMs },
  });
}
