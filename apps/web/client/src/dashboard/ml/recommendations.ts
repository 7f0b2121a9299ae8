/** The try-recommendations form as typed. */
export interface TryForm {
  userId: string;
  count: string;
  categories: string;
  includeInteracted: boolean;
}

export interface TryBody {
  user_id: string;
  count: number;
  include_interacted: boolean;
  filters?: { categories: string[] };
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const CATEGORY = /^[a-z0-9-]{1,64}$/;

/** The body of POST /api/v1/recommendations, or a sentence saying what to fix. */
export function tryBody(form: TryForm): TryBody | { problem: string } {
  const userId = form.userId.trim();
  if (!ID.test(userId)) return { problem: 'The user id is letters, digits, _ or -, at most 128 characters.' };
  const count = Number(form.count || 10);
  if (!Number.isInteger(count) || count < 1 || count > 100)
    return { problem: 'Count is a whole number from 1 to 100.' };
  const categories = [
    ...new Set(
      form.categories
        .split(',')
        .map((c) => c.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const bad = categories.find((c) => !CATEGORY.test(c));
  if (bad) return { problem: `"${bad}" is not a category name (lower-case letters, digits and -).` };
  if (categories.length > 50) return { problem: 'At most 50 categories.' };
  const body: TryBody = { user_id: userId, count, include_interacted: form.includeInteracted };
  if (categories.length) body.filters = { categories };
  return body;
}
