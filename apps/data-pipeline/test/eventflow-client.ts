import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, type DataPipeline } from './harness';

/** EventFlow's routes, as the tests call them. */
export function eventflowClient(svc: DataPipeline) {
  const api = () => request(svc.app);

  /** A shop with a producer: its admin's token and the producer's key. */
  const shopWithProducer = async () => {
    const shop = await svc.accounts.newShop();
    const created = await api()
      .post('/api/v1/producers')
      .set(bearer(shop.token))
      .send({ name: 'checkout', description: 'the checkout page' })
      .expect(201);
    return { ...shop, producerId: created.body.producer_id as string, key: created.body.api_key as string };
  };

  const send = (key: string, body: object) => api().post('/api/v1/events').set(bearer(key)).send(body);

  const sendOk = async (key: string, eventType = 'order.placed', payload: object = { n: 1 }) =>
    (await send(key, { event_type: eventType, event_version: 1, payload }).expect(202)).body
      .event_id as string;

  const query = (token: string, q: Record<string, string | number> = {}) =>
    api().get('/api/v1/events').set(bearer(token)).query(q);

  /** Waits until the tenant's query answers `count` events. */
  const waitForStored = async (token: string, count: number, q: Record<string, string | number> = {}) => {
    let body: { items: { event_id: string; event_type: string; received_at: string }[]; total: number } = {
      items: [],
      total: 0,
    };
    await eventually(
      async () => {
        body = (await query(token, { limit: 1000, ...q }).expect(200)).body;
        return body.total >= count;
      },
      { what: `${count} stored events` },
    );
    return body;
  };

  return { api, shopWithProducer, send, sendOk, query, waitForStored };
}
