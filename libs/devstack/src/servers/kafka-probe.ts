import { connect } from 'node:net';

/**
 * Whether a Kafka broker serves clients: its cluster metadata (Metadata v1, no topics) names a broker and
 * an active controller, and it coordinates consumer groups (FindCoordinator v0 answers without error; the
 * first such request makes the broker create `__consumer_offsets`, so this waits for that too, instead of
 * the first consumer of a test or a service). devstack speaks the protocol itself so that no project but
 * libs/messaging uses a client.
 */
export async function kafkaClusterReady(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  const noTopics = Buffer.alloc(4); // v1: an empty array, not null, means no topics
  const metadata = await kafkaRequest(host, port, { apiKey: 3, version: 1, body: noTopics }, timeoutMs);
  if (!parseMetadataV1(metadata)) return false;
  const group = Buffer.from('devstack-ready');
  const body = Buffer.alloc(2 + group.length);
  body.writeInt16BE(group.length, 0);
  group.copy(body, 2);
  const coordinator = await kafkaRequest(host, port, { apiKey: 10, version: 0, body }, timeoutMs);
  return coordinator.readInt16BE(4) === 0; // after the correlation id: the error code
}

/** One request over a raw socket; resolves with the response after its size (correlation id first). */
function kafkaRequest(
  host: string,
  port: number,
  req: { apiKey: number; version: number; body: Buffer },
  timeoutMs: number,
): Promise<Buffer> {
  const clientId = Buffer.from('devstack');
  const header = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  let o = header.writeInt16BE(req.apiKey, 0);
  o = header.writeInt16BE(req.version, o);
  o = header.writeInt32BE(1, o); // correlation id
  o = header.writeInt16BE(clientId.length, o);
  clientId.copy(header, o);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + req.body.length);

  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('Kafka request timed out')));
    socket.on('error', fail);
    socket.on('connect', () => socket.write(Buffer.concat([size, header, req.body])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      socket.destroy();
      resolve(received.subarray(4));
    });
  });
}

function parseMetadataV1(r: Buffer): boolean {
  let o = 4; // correlation id
  const brokers = r.readInt32BE(o);
  o += 4;
  for (let i = 0; i < brokers; i++) {
    o += 4; // node id
    o += 2 + r.readInt16BE(o); // host
    o += 4; // port
    const rack = r.readInt16BE(o);
    o += 2 + Math.max(rack, 0);
  }
  const controllerId = r.readInt32BE(o);
  return brokers > 0 && controllerId >= 0;
}
