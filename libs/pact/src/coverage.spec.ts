import { TOPIC_FLOWS } from '@platform/contracts';
import { readPactFiles } from './paths';

/**
 * Every service-to-service REST call (ARCHITECTURE §1) and every event a service consumes from another
 * (TOPIC_FLOWS, the AsyncAPI document's data) has a pact in contracts/pacts/: a new flow cannot escape
 * contract testing. (A service reading its own topics, data-pipeline's, needs no contract.)
 */
const REST_CALLS: [consumer: string, provider: string][] = [
  ['order-service', 'user-service'],
  ['payment-service', 'user-service'],
  ['payment-service', 'order-service'],
  ['data-pipeline', 'user-service'],
  ['ml-engine', 'user-service'],
  ['web', 'user-service'],
  ['web', 'ml-engine'],
];

const pacts = readPactFiles().map(({ pact }) => pact);
const interactionsOf = (consumer: string, provider: string) =>
  pacts
    .filter((p) => p.consumer.name === consumer && p.provider.name === provider)
    .flatMap((p) => p.interactions as { type: string; metadata?: { topic?: string } }[]);

const eventFlows = Object.entries(TOPIC_FLOWS).flatMap(([topic, flow]) =>
  flow.senders.flatMap((sender) =>
    Object.keys(flow.receivers)
      .map((group) => group.split('.')[0] as string)
      .filter((receiver) => receiver !== sender)
      .map((receiver) => [receiver, sender, topic] as const),
  ),
);

describe('contract coverage', () => {
  it.each(REST_CALLS)('%s → %s has HTTP interactions', (consumer, provider) => {
    expect(
      interactionsOf(consumer, provider).filter((i) => i.type === 'Synchronous/HTTP').length,
    ).toBeGreaterThan(0);
  });

  it.each(eventFlows)('%s consumes from %s on %s: a message pact', (consumer, provider, topic) => {
    const messages = interactionsOf(consumer, provider).filter((i) => i.type === 'Asynchronous/Messages');
    expect(messages.map((m) => m.metadata?.topic)).toContain(topic);
  });
});
