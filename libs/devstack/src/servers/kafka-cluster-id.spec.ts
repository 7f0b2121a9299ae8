import { newClusterId } from './kafka';

describe('a new Kafka cluster id', () => {
  it('is 16 random bytes in base64url that the storage tool never reads as an option', () => {
    // a plain base64url draw starts with '-' once in 64: 2,000 draws would all but surely hit one
    const ids = Array.from({ length: 2000 }, newClusterId);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => Buffer.from(id, 'base64url').length === 16)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
