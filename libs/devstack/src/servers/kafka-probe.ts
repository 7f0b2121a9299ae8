import { connect } from 'node:net';

/**
 * Asks a Kafka broker for its cluster metadata (Metadata v1, no topics) over a raw socket, the way any
 * client's first request does, and answers whether it names at least one broker and an active
 * controller. devstack speaks the protocol itself so that no project but libs/messaging uses a client.
 */
export function kafkaClusterReady(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  const clientId = Buffer.from('devstack');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
  let o = body.writeInt16BE(3, 0); // api key: Metadata
  o = body.writeInt16BE(1, o); // version 1
  o = body.writeInt32BE(1, o); // correlation id
  o = body.writeInt16BE(clientId.length, o);
  o += clientId.copy(body, o);
  body.writeInt32BE(0, o); // topics: none (v1: an empty array, not null, means no topics)
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);

  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('Kafka metadata request timed out')));
    socket.on('error', fail);
    socket.on('connect', () => socket.write(Buffer.concat([size, body])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      socket.destroy();
      try {
        resolve(parseMetadataV1(received.subarray(4)));
      } catch (err) {
        reject(err as Error);
      }
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
