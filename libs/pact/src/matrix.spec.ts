import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canIDeploy, pactMatrix } from './matrix';
import { failureText, parseVerifierJson } from './result';
import type { PactFile } from './paths';

const pact: PactFile = {
  consumer: { name: 'payment-service' },
  provider: { name: 'order-service' },
  interactions: [
    { description: 'a request for an order', type: 'Synchronous/HTTP' },
    { description: 'an OrderCreated event', type: 'Asynchronous/Messages' },
  ],
};

function dirs() {
  const pacts = mkdtempSync(path.join(tmpdir(), 'pacts-'));
  const results = mkdtempSync(path.join(tmpdir(), 'results-'));
  writeFileSync(path.join(pacts, 'payment-service-order-service.json'), JSON.stringify(pact));
  return { pacts, results };
}

describe('pact matrix', () => {
  it('says "not verified" for every interaction before any verification, and no to can-i-deploy', () => {
    const { pacts, results } = dirs();
    const rows = pactMatrix(pacts, results);
    expect(rows.map((r) => [r.consumer, r.provider, r.interaction, r.result])).toEqual([
      ['payment-service', 'order-service', 'a request for an order', 'not verified'],
      ['payment-service', 'order-service', 'an OrderCreated event', 'not verified'],
    ]);
    expect(canIDeploy(rows)).toBe(false);
  });

  it('marks the interaction the verifier reported as failed and the others passed', () => {
    const { pacts, results } = dirs();
    const report = JSON.stringify({
      result: false,
      errors: [{ interaction: 'an OrderCreated event', mismatch: { type: 'body', path: '$.payload.total' } }],
    });
    const result = parseVerifierJson('order-service', [pact], report, false);
    writeFileSync(path.join(results, 'order-service.json'), JSON.stringify(result));
    const rows = pactMatrix(pacts, results);
    expect(rows.map((r) => r.result)).toEqual(['passed', 'failed']);
    expect(result.interactions[1]?.mismatch).toContain('$.payload.total');
    expect(canIDeploy(rows)).toBe(false);
  });

  it('answers yes when every interaction of every pact passed its last verification', () => {
    const { pacts, results } = dirs();
    const result = parseVerifierJson(
      'order-service',
      [pact],
      JSON.stringify({ result: true, errors: [] }),
      true,
    );
    writeFileSync(path.join(results, 'order-service.json'), JSON.stringify(result));
    expect(canIDeploy(pactMatrix(pacts, results))).toBe(true);
  });

  it('counts a failed run whose report is not JSON as failed for every interaction', () => {
    const result = parseVerifierJson('order-service', [pact], 'Verification was unable to run', false);
    expect(result.interactions.map((i) => i.outcome)).toEqual(['failed', 'failed']);
  });
});

describe('a filtered verification', () => {
  it('records only the interactions the filter let through', () => {
    const result = parseVerifierJson(
      'order-service',
      [pact],
      JSON.stringify({ result: true }),
      true,
      /^a request/,
    );
    expect(result.interactions.map((i) => i.description)).toEqual(['a request for an order']);
  });
});

describe('the report of pact-core 20 (interactionResults)', () => {
  const report = (results: { description: string; result: string }[]) =>
    JSON.stringify({
      result: results.every((r) => r.result === 'OK'),
      interactionResults: results.map((r) => ({ consumer: 'payment-service', ...r })),
      output: [
        '\u001b[1mVerifying\u001b[0m',
        '\nFailures:\n',
        '1) an OrderCreated event',
        '$.data -> missing total',
      ],
    });

  it('reads each interaction exactly, and one it did not replay as not verified', () => {
    const raw = report([{ description: 'an OrderCreated event', result: 'Error' }]);
    const result = parseVerifierJson('order-service', [pact], raw, false);
    expect(result.interactions.map((i) => [i.description, i.outcome])).toEqual([
      ['an OrderCreated event', 'failed'],
    ]);
  });

  it('gives the failures in the verifier’s words, without colours', () => {
    const raw = report([{ description: 'an OrderCreated event', result: 'Error' }]);
    expect(failureText(raw)).toBe('Failures:\n\n1) an OrderCreated event\n$.data -> missing total');
    expect(failureText('not json')).toBe('not json');
  });
});
