import { pagesFor } from './nav';

describe('pagesFor', () => {
  it('gives a viewer only the tenant page', () => {
    expect(pagesFor('viewer').map((p) => p.label)).toEqual(['Your shop']);
  });

  it('gives a developer the building pages but not users, keys or orders', () => {
    expect(pagesFor('developer').map((p) => p.label)).toEqual([
      'Your shop',
      'Usage',
      'Catalog',
      'Training',
      'Model versions',
      'Try recommendations',
      'EventFlow',
    ]);
  });

  it('gives an admin every page', () => {
    expect(pagesFor('admin')).toHaveLength(10);
  });
});
