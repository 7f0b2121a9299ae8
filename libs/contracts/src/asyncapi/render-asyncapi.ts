import { z } from 'zod';
import { stringify } from 'yaml';
import { EVENT_HEADERS } from '../envelope';
import { EVENTS, eventSchema, type EventType } from '../events';
import { TOPICS, dlqTopic, type Topic } from '../topics';
import { TOPIC_FLOWS } from './event-flows';

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const channelId = (topic: string) => topic.replace(/\W+/g, '_');
const eventsOn = (topic: Topic) =>
  (Object.keys(EVENTS) as EventType[]).filter((t) => EVENTS[t].topic === topic);

function message(type: EventType) {
  const def = EVENTS[type];
  const payload = jsonSchema(eventSchema(type)) as { properties: Record<string, object> };
  payload.properties.event_type = { type: 'string', const: type };
  payload.properties.version = { type: 'integer', const: def.version };
  payload.properties.aggregate_type = { type: 'string', const: def.aggregateType };
  return {
    name: type,
    title: type,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        [EVENT_HEADERS.eventType]: { type: 'string', const: type },
        [EVENT_HEADERS.traceparent]: { type: 'string', description: 'W3C trace context of the request' },
      },
      required: [EVENT_HEADERS.eventType],
    },
    bindings: { kafka: { key: { type: 'string', description: 'aggregate_id' } } },
    payload,
  };
}

/**
 * contracts/asyncapi.yaml: every topic (and its DLQ) with its events, their payloads generated from the
 * same zod schemas the consumers validate with, who sends on it and which consumer groups receive.
 */
export function renderAsyncApi(): string {
  const topics = Object.values(TOPICS);
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const messages: Record<string, object> = {};
  for (const topic of topics) {
    const id = channelId(topic);
    const types = eventsOn(topic);
    for (const t of types) messages[t] = message(t);
    const refs = Object.fromEntries(types.map((t) => [t, { $ref: `#/components/messages/${t}` }]));
    channels[id] = { address: topic, messages: refs };
    channels[`${id}_dlq`] = {
      address: dlqTopic(topic),
      description: `Poison messages of ${topic}, as they came, with the reason in headers (npm run dlq).`,
      messages: refs,
    };
    const { senders, receivers } = TOPIC_FLOWS[topic];
    for (const sender of senders)
      operations[`${channelId(sender)}_sends_${id}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        summary: `${sender} publishes through its outbox`,
        messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${t}` })),
      };
    for (const [group, why] of Object.entries(receivers))
      operations[`${channelId(group)}_receives_${id}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        summary: `consumer group ${group}: ${why}`,
        bindings: { kafka: { groupId: { type: 'string', const: group } } },
        messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${t}` })),
      };
  }
  const doc = {
    asyncapi: '3.0.0',
    info: {
      title: 'Shop platform events',
      version: '1.0.0',
      description:
        'Every Kafka topic of the platform with its events (the envelope of seed 000 with each type’s data). ' +
        'Generated from libs/contracts by `npx nx run contracts:asyncapi`; a test keeps it current.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'devstack' } },
    channels,
    operations,
    components: { messages },
  };
  return `# Generated from libs/contracts by \`npx nx run contracts:asyncapi\`; do not edit by hand.\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
