import { InteractionRecordSchema, ItemRecordSchema } from '@platform/contracts';
import { validateRecords } from './validate-records';

const interaction = { user_id: 'u-1', item_id: 'i_1', interaction_type: 'view' };
const item = { item_id: 'item_123', title: 'Phone' };
const checkInteraction = (over: Record<string, unknown>) =>
  validateRecords(InteractionRecordSchema, [{ ...interaction, ...over }]);
const checkItem = (over: Record<string, unknown>) =>
  validateRecords(ItemRecordSchema, [{ ...item, ...over }]);

describe('validateRecords: interactions (seed 002 §9)', () => {
  it.each([
    ['user_id of 128 characters', { user_id: 'u'.repeat(128) }],
    ['item_id of 128 characters', { item_id: 'i'.repeat(128) }],
    ['ids of letters, digits, - and _', { user_id: 'Ab-9_z', item_id: 'X_1-y' }],
    ...['view', 'click', 'purchase', 'like', 'dislike', 'add_to_cart', 'remove_from_cart'].map(
      (t) => [`type ${t}`, { interaction_type: t }] as [string, Record<string, unknown>],
    ),
    ['a UTC timestamp with Z', { timestamp: '2025-01-07T10:30:45Z' }],
    ['a UTC timestamp with +00:00', { timestamp: '2025-01-07T10:30:45+00:00' }],
    ['a timestamp with milliseconds', { timestamp: '2025-01-07T10:30:45.123Z' }],
  ])('accepts %s', (_name, over) => {
    expect(checkInteraction(over)).toEqual({ valid: [expect.objectContaining({ index: 0 })], errors: [] });
  });

  it.each([
    [
      'user_id of 129 characters',
      { user_id: 'u'.repeat(129) },
      'user_id',
      'user_id is longer than 128 characters',
    ],
    [
      'item_id of 129 characters',
      { item_id: 'i'.repeat(129) },
      'item_id',
      'item_id is longer than 128 characters',
    ],
    ['a space in user_id', { user_id: 'a b' }, 'user_id', 'user_id may only hold letters, digits, - and _'],
    ['a dot in item_id', { item_id: 'a.b' }, 'item_id', 'item_id may only hold letters, digits, - and _'],
    ['an empty user_id', { user_id: '' }, 'user_id', 'user_id must not be empty'],
    ['a numeric user_id', { user_id: 42 }, 'user_id', 'user_id must be a string'],
    ['no user_id', { user_id: undefined }, 'user_id', 'Missing required field: user_id'],
    [
      'no interaction_type',
      { interaction_type: undefined },
      'interaction_type',
      'Missing required field: interaction_type',
    ],
    [
      'an eighth type',
      { interaction_type: 'share' },
      'interaction_type',
      'interaction_type must be one of: view, click, purchase, like, dislike, add_to_cart, remove_from_cart',
    ],
    [
      'a timestamp with another offset',
      { timestamp: '2025-01-07T10:30:45+02:00' },
      'timestamp',
      'timestamp must be in UTC (Z or +00:00), not another offset',
    ],
    [
      'a timestamp without a zone',
      { timestamp: '2025-01-07T10:30:45' },
      'timestamp',
      'timestamp must be ISO 8601 in UTC, like 2025-01-07T10:30:45Z',
    ],
    [
      'a date only',
      { timestamp: '2025-01-07' },
      'timestamp',
      'timestamp must be ISO 8601 in UTC, like 2025-01-07T10:30:45Z',
    ],
    [
      'a device_type of 33 characters',
      { context: { device_type: 'd'.repeat(33) } },
      'context.device_type',
      'context.device_type is longer than 32 characters',
    ],
    [
      'metadata over 8 KB',
      { metadata: { blob: 'x'.repeat(9000) } },
      'metadata',
      'metadata is larger than 8 KB as JSON',
    ],
  ])('refuses %s', (_name, over, field, error) => {
    expect(checkInteraction(over).errors).toEqual([expect.objectContaining({ index: 0, field, error })]);
  });

  it('normalises a +00:00 timestamp to the Z form of the same instant', () => {
    const [v] = checkInteraction({ timestamp: '2025-01-07T10:30:45+00:00' }).valid;
    expect(v.record.timestamp).toBe('2025-01-07T10:30:45.000Z');
  });

  it('keeps the good records of a batch, reports the bad ones by index with their ids', () => {
    const out = validateRecords(InteractionRecordSchema, [
      interaction,
      { ...interaction, user_id: 'bad id' },
      'not an object',
      null,
      { ...interaction, item_id: 'x'.repeat(300) },
      interaction,
    ]);
    expect(out.valid.map((v) => v.index)).toEqual([0, 5]);
    expect(out.errors).toEqual([
      { index: 1, user_id: 'bad id', item_id: 'i_1', field: 'user_id', error: expect.any(String) },
      { index: 2, error: 'A record must be a JSON object' },
      { index: 3, error: 'A record must be a JSON object' },
      // an id too long to be useful is not echoed back
      { index: 4, user_id: 'u-1', field: 'item_id', error: 'item_id is longer than 128 characters' },
    ]);
  });
});

describe('validateRecords: items (seed 002 §9)', () => {
  it.each([
    ['category of 64 characters', { category: 'c'.repeat(64) }],
    ['category with digits and hyphens', { category: 'home-office-2' }],
    ['20 tags', { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) }],
    ['a tag of 32 characters', { tags: ['t'.repeat(32)] }],
    ['no category or tags', {}],
  ])('accepts %s', (_name, over) => {
    expect(checkItem(over).errors).toEqual([]);
  });

  it.each([
    ['no title (as seed 002 shows)', { title: undefined }, 'title', 'Missing required field: title'],
    ['an empty title', { title: '  ' }, 'title', 'title must not be empty'],
    [
      'category of 65 characters',
      { category: 'c'.repeat(65) },
      'category',
      'category is longer than 64 characters',
    ],
    [
      'an uppercase category',
      { category: 'Electronics' },
      'category',
      'category may only hold lowercase letters, digits and -',
    ],
    [
      'a category with an underscore',
      { category: 'home_office' },
      'category',
      'category may only hold lowercase letters, digits and -',
    ],
    [
      '21 tags',
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'tags',
      'tags has more than 20 tags',
    ],
    [
      'a tag of 33 characters',
      { tags: ['ok', 't'.repeat(33)] },
      'tags[1]',
      'tags[1] is longer than 32 characters',
    ],
    ['tags not an array', { tags: 'a,b' }, 'tags', 'tags must be an array'],
    [
      'created_at not in UTC',
      { created_at: '2025-01-07T10:30:45-05:00' },
      'created_at',
      'created_at must be in UTC (Z or +00:00), not another offset',
    ],
  ])('refuses %s', (_name, over, field, error) => {
    expect(checkItem(over).errors).toEqual([{ index: 0, item_id: 'item_123', field, error }]);
  });
});
