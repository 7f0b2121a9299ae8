import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type HealthCheck } from '@platform/service-kit';
import { backOff } from 'exponential-backoff';
import { assertObjectKey, type ObjectStore, type StoredObject } from './object-store';
import { createS3Client, type S3Settings } from './s3-client';

/** DeleteObjects takes at most this many keys a request. */
const DELETE_BATCH = 1000;
const HEALTH_TIMEOUT_MS = 2000;

const statusOf = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
// not any 404: a missing bucket (NoSuchBucket) is an error, not an empty store
const noSuchKey = (err: unknown) => (err as Error).name === 'NoSuchKey';
/** No answer at all (network, timeout), throttling or a server error: worth another attempt. */
const retriable = (err: unknown) => {
  const status = statusOf(err);
  return status === undefined || status === 429 || status >= 500;
};

/**
 * Object storage in one S3 bucket (AWS, or an S3-compatible server such as devstack's versitygw).
 * PutObject replaces an object at once, so readers see the old object or the new one, never a part.
 */
export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;
  /** Uploads a file stream without SDK retries: putFile retries with a fresh stream itself. */
  private readonly uploads: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = createS3Client(settings);
    this.uploads = createS3Client(settings, 1);
  }

  /**
   * The bucket must exist already: creating buckets (region, encryption, lifecycle, access policy) is
   * the platform's job, not the service's; devstack and the tests create theirs.
   */
  async init(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const where = this.settings.endpoint ?? `AWS ${this.settings.region}`;
      const why = statusOf(err) === 404 ? 'does not exist' : `cannot be reached (${(err as Error).name})`;
      throw new Error(`S3 bucket "${this.bucket}" at ${where} ${why}; create it first`, { cause: err });
    }
  }

  url(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  async putFile(key: string, localPath: string): Promise<void> {
    assertObjectKey(key);
    const { size } = await stat(localPath);
    const attempt = () =>
      this.uploads.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(localPath),
          ContentLength: size,
        }),
      );
    await backOff(attempt, {
      numOfAttempts: this.settings.maxAttempts,
      startingDelay: 100,
      jitter: 'full',
      retry: retriable,
    });
  }

  /** The object's body, or undefined when the key has none. */
  private async open(key: string): Promise<Readable | undefined> {
    assertObjectKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return res.Body as Readable;
    } catch (err) {
      if (noSuchKey(err)) return undefined;
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    const body = await this.open(key);
    if (!body) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async getToFile(key: string, localPath: string): Promise<boolean> {
    const body = await this.open(key);
    if (!body) return false;
    // downloaded beside its name and renamed: a broken download never looks like the whole file
    const partial = `${localPath}.${randomUUID()}.part`;
    try {
      await pipeline(body, createWriteStream(partial));
      await rename(partial, localPath);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return true;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: 1000 },
      { Bucket: this.bucket, Prefix: prefix },
    );
    for await (const page of pages)
      for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0 });
    // S3 lists in UTF-8 byte order; sorted again so both drivers agree on the order
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(keys: string[]): Promise<void> {
    keys.forEach(assertObjectKey);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const Objects = keys.slice(i, i + DELETE_BATCH).map((Key) => ({ Key }));
      const res = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects, Quiet: true } }),
      );
      // a missing key is no error in S3; anything reported here is one (access denied …)
      const failed = res.Errors ?? [];
      if (failed.length > 0)
        throw new Error(`${failed.length} objects not deleted, first ${failed[0].Key}: ${failed[0].Code}`);
    }
  }

  /** `storage` in /health: the bucket answers with these credentials. */
  healthCheck(): HealthCheck {
    return {
      name: 'storage',
      critical: true,
      check: async () => {
        await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
          abortSignal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
        });
      },
    };
  }

  async close(): Promise<void> {
    this.client.destroy();
    this.uploads.destroy();
  }
}
