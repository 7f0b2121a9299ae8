import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EVENTS, type EventType } from '../events';
import { TOPICS, dlqTopic } from '../topics';
import { renderAsyncApi } from './render-asyncapi';

const committed = path.resolve(__dirname, '../../../../contracts/asyncapi.yaml');

describe('contracts/asyncapi.yaml', () => {
  const doc = parse(renderAsyncApi());

  it('is the one generated from the event schemas (npx nx run contracts:asyncapi)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(renderAsyncApi());
  });

  it('has every topic and its DLQ as channels, each with the events published on it', () => {
    const addresses = Object.values(doc.channels).map((c) => (c as { address: string }).address);
    for (const topic of Object.values(TOPICS))
      expect(addresses).toEqual(expect.arrayContaining([topic, dlqTopic(topic)]));
    for (const [type, def] of Object.entries(EVENTS)) {
      const channel = Object.values(doc.channels).find(
        (c) => (c as { address: string }).address === def.topic,
      ) as {
        messages: Record<string, unknown>;
      };
      expect(Object.keys(channel.messages)).toContain(type);
    }
  });

  it("gives each event the envelope with its type, version and its data's fields", () => {
    const created = doc.components.messages.UserCreated.payload;
    expect(created.properties.event_type).toEqual({ type: 'string', const: 'UserCreated' });
    expect(created.required).toEqual(expect.arrayContaining(['event_id', 'occurred_at', 'data']));
    expect(Object.keys(created.properties.data.properties)).toContain('email');
    for (const type of Object.keys(EVENTS) as EventType[])
      expect(doc.components.messages[type].payload.properties.version.const).toBe(EVENTS[type].version);
  });

  it('names who sends and which consumer group receives on every topic', () => {
    const ops = Object.values(doc.operations) as { action: string; channel: { $ref: string } }[];
    for (const id of Object.keys(doc.channels).filter((c) => !c.endsWith('_dlq'))) {
      const on = ops.filter((o) => o.channel.$ref === `#/channels/${id}`);
      expect(on.map((o) => o.action)).toEqual(expect.arrayContaining(['send', 'receive']));
    }
  });
});
