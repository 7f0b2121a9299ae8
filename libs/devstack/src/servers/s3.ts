import { existsSync, mkdirSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { step } from '../log';
import { cacheDir, dataDir } from '../paths';
import { commandExists, isAlive, readPid, run, spawnServer, stopServer } from '../process';
import { type Server } from './server';

const VERSITYGW_VERSION = 'v1.8.0';
const VERSITYGW_PACKAGE = 'github.com/versity/versitygw/cmd/versitygw';

/** Development credentials of devstack's S3 server (its single root account); never used elsewhere. */
export const S3_DEV_ACCESS_KEY_ID = 'devstack-access-key';
export const S3_DEV_SECRET_ACCESS_KEY = 'devstack-secret-key-not-for-production';
export const S3_DEV_REGION = 'us-east-1';
/** The bucket tests use (each test keeps to a prefix of its own in it). */
export const S3_TEST_BUCKET = 'platform-test';

/** Cached by version: a newer pin builds a new binary beside the old one. */
export const versityGwBinary = (): string =>
  path.join(cacheDir, `versitygw-${VERSITYGW_VERSION}`, 'versitygw');

/**
 * An S3-compatible object store: versitygw with its POSIX backend (each bucket a folder under `dir`,
 * objects files, metadata in extended attributes), built from the Go module proxy.
 */
export class S3Server implements Server {
  constructor(
    readonly name = 's3',
    readonly port = 9000,
    readonly dir = dataDir(name),
    /** Created (if missing) whenever the server is found ready. */
    readonly bucket = S3_TEST_BUCKET,
  ) {}

  async install(): Promise<void> {
    const binary = versityGwBinary();
    if (existsSync(binary)) return;
    if (!commandExists('go'))
      throw new Error('versitygw is built from source and needs Go 1.25+ on PATH (its go.mod asks for 1.25)');
    // installed into a folder of its own and renamed: an interrupted build never looks finished
    const partial = `${path.dirname(binary)}.${process.pid}.partial`;
    try {
      await step(`building versitygw ${VERSITYGW_VERSION} from the Go module proxy (go install)`, () =>
        run(
          'go',
          [
            'install',
            '-trimpath',
            `-ldflags=-X=main.Version=${VERSITYGW_VERSION}`,
            `${VERSITYGW_PACKAGE}@${VERSITYGW_VERSION}`,
          ],
          { env: { GOBIN: partial, CGO_ENABLED: '0' } },
        ),
      );
      mkdirSync(path.dirname(binary), { recursive: true });
      renameSync(path.join(partial, 'versitygw'), binary);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }

  /** Why the running server must be replaced: devstack started it from another version's binary. */
  outdated(): string | undefined {
    const pid = readPid(this.name);
    if (pid === undefined || !isAlive(pid)) return undefined;
    let exe: string;
    try {
      exe = readlinkSync(`/proc/${pid}/exe`); // Linux; elsewhere the running server is kept
    } catch {
      return undefined;
    }
    return exe === versityGwBinary() ? undefined : `it runs ${exe}, not ${versityGwBinary()}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    spawnServer(this.name, versityGwBinary(), [
      `--port=127.0.0.1:${this.port}`,
      `--access=${S3_DEV_ACCESS_KEY_ID}`,
      `--secret=${S3_DEV_SECRET_ACCESS_KEY}`,
      `--region=${S3_DEV_REGION}`,
      // without it every request opens a new connection
      '--keep-alive',
      // no line per request in its log
      '--quiet',
      'posix',
      this.dir,
    ]);
  }

  /** Answers ListBuckets with the development credentials; then makes sure the test bucket is there. */
  async ready(): Promise<boolean> {
    const client = this.client();
    try {
      const { Buckets = [] } = await client.send(new ListBucketsCommand({}));
      if (!Buckets.some((b) => b.Name === this.bucket))
        await client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      return true;
    } finally {
      client.destroy();
    }
  }

  async stop(): Promise<void> {
    await stopServer(this.name);
  }

  url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A client for this server (tests create their own buckets with it). */
  client(): S3Client {
    return new S3Client({
      endpoint: this.url(),
      region: S3_DEV_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: S3_DEV_ACCESS_KEY_ID, secretAccessKey: S3_DEV_SECRET_ACCESS_KEY },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 5000 },
    });
  }

  env(): Record<string, string> {
    return {
      S3_ENDPOINT: this.url(),
      S3_ACCESS_KEY_ID: S3_DEV_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: S3_DEV_SECRET_ACCESS_KEY,
      S3_REGION: S3_DEV_REGION,
      S3_TEST_BUCKET: this.bucket,
    };
  }
}
