import { eventQuery, eventTypes, localToIso, NO_FILTERS, PAGE_SIZE } from './events';

describe('eventQuery', () => {
  it('leaves out empty filters', () => {
    expect(eventQuery(NO_FILTERS)).toEqual({
      query: {
        event_type: undefined,
        producer_id: undefined,
        from: undefined,
        to: undefined,
        limit: PAGE_SIZE,
        cursor: undefined,
      },
    });
  });

  it('sends the type, producer and times as ISO instants', () => {
    const from = '2026-03-01T10:00';
    const to = '2026-03-01T12:30';
    const res = eventQuery({ eventType: ' order.created ', producerId: 'p1', from, to }, 'c1');
    expect(res).toEqual({
      query: {
        event_type: 'order.created',
        producer_id: 'p1',
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        limit: PAGE_SIZE,
        cursor: 'c1',
      },
    });
  });

  it.each([
    [{ eventType: '1abc' }, /event type/],
    [{ eventType: 'a b' }, /event type/],
    [{ from: 'yesterday' }, /"from"/],
    [{ from: '2026-03-02T00:00', to: '2026-03-01T00:00' }, /after/],
  ])('refuses %j', (change, problem) => {
    expect((eventQuery({ ...NO_FILTERS, ...change }) as { problem: string }).problem).toMatch(problem);
  });

  it('reads local times', () => {
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('nonsense')).toBeUndefined();
    expect(localToIso('2026-03-01T10:00')).toBe(new Date(2026, 2, 1, 10, 0).toISOString());
  });
});

describe('eventTypes', () => {
  it('splits, trims and drops repeats', () => {
    expect(eventTypes('orders, order.created ,orders,')).toEqual(['orders', 'order.created']);
  });
  it('refuses none or a bad one', () => {
    expect(eventTypes(' , ')).toEqual({ problem: 'Name at least one event type.' });
    expect((eventTypes('ok, not ok') as { problem: string }).problem).toMatch(/"not ok"/);
  });
});
