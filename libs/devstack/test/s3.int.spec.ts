import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { stackEnv } from '../src';
import { S3_TEST_BUCKET, versityGwBinary } from '../src/servers/s3';
import { startPrivateServer } from '../src/testing';

describe('the S3-compatible server (versitygw)', () => {
  it('is in the stack settings with its endpoint, development keys, region and test bucket', () => {
    expect(stackEnv()).toMatchObject({
      S3_ENDPOINT: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      S3_ACCESS_KEY_ID: expect.any(String),
      S3_SECRET_ACCESS_KEY: expect.any(String),
      S3_REGION: 'us-east-1',
      S3_TEST_BUCKET,
    });
  });

  it('answers S3 calls once ready, with its test bucket made, and stops and starts on its data', async () => {
    const s3 = await startPrivateServer('s3');
    const client = s3.client();
    try {
      expect(s3.outdated()).toBeUndefined(); // it runs the cached build of the pinned version
      const names = async () =>
        ((await client.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
      expect(await names()).toEqual([S3_TEST_BUCKET]);

      await s3.stop();
      await expect(s3.ready()).rejects.toThrow();
      await s3.restart();
      expect(await names()).toEqual([S3_TEST_BUCKET]);
    } finally {
      client.destroy();
      await s3.dispose();
    }
  });

  it('is built once per version into the shared cache', () => {
    expect(versityGwBinary()).toMatch(/platform-devstack\/versitygw-v1\.8\.0\/versitygw$/);
  });
});
