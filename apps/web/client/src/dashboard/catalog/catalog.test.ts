import { draftOf, EMPTY_ITEM, itemBody, syncSummary } from './catalog';

describe('itemBody', () => {
  it('parses the numbers and splits the tags', () => {
    expect(
      itemBody({
        ...EMPTY_ITEM,
        title: ' Lamp ',
        category: 'Home',
        tags: 'light, , desk',
        price: '12.5',
        stock: '3',
      }),
    ).toEqual({
      title: 'Lamp',
      description: '',
      category: 'home',
      tags: ['light', 'desk'],
      price: 12.5,
      currency: 'USD',
      stock: 3,
    });
  });

  it('round-trips an item through the form', () => {
    const item = {
      item_id: 'i1',
      title: 'Lamp',
      description: 'A lamp',
      category: 'home',
      tags: ['light'],
      price: 9.99,
      currency: 'EUR',
      stock: 4,
      owner_id: 'u',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    };
    expect(itemBody(draftOf(item))).toEqual({
      title: 'Lamp',
      description: 'A lamp',
      category: 'home',
      tags: ['light'],
      price: 9.99,
      currency: 'EUR',
      stock: 4,
    });
  });
});

describe('syncSummary', () => {
  it('says the counts and the failures', () => {
    expect(
      syncSummary({
        added: 3,
        updated: 1,
        removed: 0,
        categoriesCreated: 2,
        genresCreated: 0,
        platformsCreated: 0,
        errors: [{ productId: 'p', error: 'bad' }],
      }),
    ).toBe(
      'Sync finished: 3 added, 1 updated, 0 removed. 2 new categories, genres or platforms. 1 product could not be synced.',
    );
  });
});
