import type { EventFlowProducer } from '@platform/contracts';
import { useSession } from '../../api/session';
import { useLoad } from '../../ui/useLoad';
import { ConsumersPanel } from './ConsumersPanel';
import { EventBrowser } from './EventBrowser';
import { ProducersPanel } from './ProducersPanel';

/** EventFlow (seed 004): producers and their keys, the live event browser, consumers and their cursors. */
export function EventFlowPage() {
  const { api } = useSession();
  const producers = useLoad(() => api<{ producers: EventFlowProducer[] }>('/api/v1/producers'), [api]);
  return (
    <section>
      <h1>EventFlow</h1>
      <ProducersPanel producers={producers} />
      <EventBrowser producers={producers.data?.producers ?? []} />
      <ConsumersPanel />
    </section>
  );
}
