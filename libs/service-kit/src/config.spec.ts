import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const schema = baseConfigSchema.extend({
    PORT: z.coerce.number().int().positive(),
    DATABASE_URL: z.string().url(),
  });

  it('parses and applies defaults', () => {
    const cfg = loadConfig(schema, {
      PORT: '3002',
      DATABASE_URL: 'postgres://h/db',
      KAFKA_BROKERS: 'a:1, b:2',
    });
    expect(cfg).toMatchObject({
      PORT: 3002,
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: ['a:1', 'b:2'],
      KAFKA_TOPIC_PREFIX: '',
    });
  });

  it('fails fast listing every problem', () => {
    expect(() => loadConfig(schema, { PORT: '-1', LOG_LEVEL: 'LOUD' })).toThrow(ConfigError);
    try {
      loadConfig(schema, { PORT: '-1', LOG_LEVEL: 'LOUD' });
    } catch (err) {
      const fields = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    }
  });
});
