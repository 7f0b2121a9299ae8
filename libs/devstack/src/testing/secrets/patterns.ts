import { luhnValid } from '../../simulators/payment-gateway/test-cards';
import { type SecretKind } from './registry';

export interface Hit {
  kind: SecretKind;
  /** 'known': a value a test helper registered; 'pattern': the shape of a secret. */
  how: 'known' | 'pattern';
  start: number;
  end: number;
}

/** Values that name a redaction, not a secret (the loggers' `[REDACTED]`, masks such as `****`). */
const REDACTED = /^(\[?redacted\]?|\*+|x+|<redacted>|•+)$/i;

interface Detector {
  kind: SecretKind;
  re: RegExp;
  /** The capture group that is the secret (0: the whole match). */
  group?: number;
  accept?: (value: string, text: string, start: number) => boolean;
}

// a card number is a card number only where something names a card (ids, timestamps and order numbers
// are digit runs too, and one in ten of them passes Luhn by chance)
const CARD_CONTEXT = /(card|\bpan\b|"number")[^\d\n]{0,24}$/i;
// JSON quotes, and JSON quotes escaped once (JSON text inside a JSON string: an event in a row)
const Q = '\\\\?"';

const DETECTORS: Detector[] = [
  // header.payload.signature, both first parts base64url JSON ({"…)
  { kind: 'jwt', re: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  // libs/auth api-key.ts: sk_<env>_ and 32 letters/digits (lists show only the 14-character prefix)
  { kind: 'api-key', re: /sk_(?:live|test)_[A-Za-z0-9]{32}(?![A-Za-z0-9])/g },
  // user-service auth/tokens.ts: rt_ and 32 random bytes in base64url
  { kind: 'refresh-token', re: /rt_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
  // user-service verification-token.ts: 24 random bytes in base64url, in the link or a token field
  {
    kind: 'verification-token',
    re: new RegExp(
      `(?:[?&]token=|${Q}(?:verification_)?token${Q}\\s*:\\s*${Q})([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])`,
      'g',
    ),
    group: 1,
  },
  // a JSON field (or a logfmt pair) named …password with a value that is not a redaction marker
  {
    kind: 'password',
    re: new RegExp(
      `${Q}[A-Za-z_]*password${Q}\\s*:\\s*${Q}([^"\\\\]+)|\\b[A-Za-z_]*password=([^\\s&"]+)`,
      'gi',
    ),
    group: 1,
    accept: (v) => !REDACTED.test(v),
  },
  {
    kind: 'cvv',
    re: new RegExp(`${Q}(?:cvv2?|cvc|security_?code)${Q}\\s*:\\s*(?:${Q})?(\\d{3,4})\\b`, 'gi'),
    group: 1,
  },
  {
    kind: 'card-number',
    re: /(?<![\d.])(\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7})(?![\d.])/g,
    group: 1,
    accept: (v, text, start) => {
      const digits = v.replace(/[ -]/g, '');
      return (
        digits.length >= 13 &&
        luhnValid(digits) &&
        CARD_CONTEXT.test(text.slice(Math.max(0, start - 40), start))
      );
    },
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher of the known values (one regular expression: the longest first, so none hides another). */
export function knownMatcher(known: ReadonlyMap<string, SecretKind>): RegExp | undefined {
  if (known.size === 0) return undefined;
  const values = [...known.keys()].sort((a, b) => b.length - a.length);
  return new RegExp(values.map(escape).join('|'), 'g');
}

/** Every secret in `text`: known values first, then shapes; overlapping hits are reported once. */
export function findSecrets(
  text: string,
  known: ReadonlyMap<string, SecretKind>,
  matcher = knownMatcher(known),
) {
  const hits: Hit[] = [];
  const free = (start: number, end: number) => hits.every((h) => end <= h.start || start >= h.end);
  if (matcher)
    for (const m of text.matchAll(matcher))
      hits.push({ kind: known.get(m[0])!, how: 'known', start: m.index, end: m.index + m[0].length });
  for (const d of DETECTORS) {
    for (const m of text.matchAll(d.re)) {
      // the first group that took part (a detector's alternatives each have their own)
      const value = d.group === undefined ? m[0] : m.slice(d.group).find((v) => v !== undefined);
      if (value === undefined) continue;
      const start = m.index + m[0].lastIndexOf(value);
      if (d.accept && !d.accept(value, text, start)) continue;
      if (free(start, start + value.length))
        hits.push({ kind: d.kind, how: 'pattern', start, end: start + value.length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * `text` with each hit replaced by `‹kind›`, cut to about `width` characters either side of hit `at`:
 * enough to see where the secret sits, never the secret (nor any other one near it).
 */
export function redactedExcerpt(text: string, hits: Hit[], at: number, width = 60): string {
  let out = '';
  let pos = 0;
  let focus = 0;
  hits.forEach((h, i) => {
    out += text.slice(pos, h.start);
    if (i === at) focus = out.length;
    out += `‹${h.kind}›`;
    pos = h.end;
  });
  out += text.slice(pos);
  const from = Math.max(0, focus - width);
  const to = Math.min(out.length, focus + width + 16);
  return `${from > 0 ? '…' : ''}${out.slice(from, to).replace(/\s+/g, ' ')}${to < out.length ? '…' : ''}`;
}
