import { tryBody } from './recommendations';

const form = { userId: ' user-1 ', count: '5', categories: '', includeInteracted: false };

describe('tryBody', () => {
  it('builds the request, trimmed, without filters when no category is given', () => {
    expect(tryBody(form)).toEqual({ user_id: 'user-1', count: 5, include_interacted: false });
    expect(tryBody({ ...form, count: '' })).toMatchObject({ count: 10 });
  });

  it('turns the categories into a filter, lower-cased and without repeats', () => {
    expect(tryBody({ ...form, categories: 'Books, toys ,books,', includeInteracted: true })).toEqual({
      user_id: 'user-1',
      count: 5,
      include_interacted: true,
      filters: { categories: ['books', 'toys'] },
    });
  });

  it.each([
    [{ userId: 'a b' }, /user id/],
    [{ userId: '' }, /user id/],
    [{ count: '0' }, /Count/],
    [{ count: '101' }, /Count/],
    [{ categories: 'home & garden' }, /not a category/],
  ])('refuses %j', (change, problem) => {
    const res = tryBody({ ...form, ...change });
    expect((res as { problem: string }).problem).toMatch(problem);
  });
});
