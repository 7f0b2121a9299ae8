import { createLogger } from '@platform/service-kit';
import { objectStoreConfigSchema } from './object-store-config';
import { createObjectStore } from './create-object-store';
import { S3ObjectStore } from './s3-object-store';

const config = (env: Record<string, string>) =>
  objectStoreConfigSchema.parse({ OBJECT_STORE_DIR: '/tmp/dp-store-choice', ...env });

describe('createObjectStore', () => {
  const logger = createLogger('data-pipeline', 'silent');
  const logged = jest.spyOn(logger, 'info');
  afterEach(() => logged.mockClear());

  it('keeps the local folder when S3_BUCKET is not set, and says so', () => {
    const store = createObjectStore(config({}), logger);
    expect(store.kind).toBe('local');
    expect(logged).toHaveBeenCalledWith('object store: local folder', { root: '/tmp/dp-store-choice' });
  });

  it('uses the S3 bucket when S3_BUCKET is set, and never logs the secret', async () => {
    const env = {
      S3_BUCKET: 'training-data',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'very-secret',
    };
    const store = createObjectStore(config(env), logger);
    expect(store).toBeInstanceOf(S3ObjectStore);
    expect(store.url('tenants/t1/catalog.json')).toBe('s3://training-data/tenants/t1/catalog.json');
    expect(JSON.stringify(logged.mock.calls)).not.toContain('very-secret');
    expect(logged).toHaveBeenCalledWith('object store: S3', {
      bucket: 'training-data',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
    });
    await store.close();
  });

  it('refuses one S3 key without the other (it would fall back to other credentials unnoticed)', () => {
    expect(() => createObjectStore(config({ S3_BUCKET: 'training-data', S3_ACCESS_KEY_ID: 'id' }))).toThrow(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/,
    );
  });
});
