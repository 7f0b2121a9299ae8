import { encodeContent, tokensOf } from './content-encoder';

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const norm = (a: Float32Array) => Math.sqrt(cos(a, a));

const shoe = {
  title: 'Trail running shoe',
  description: 'A light trail running shoe with a grippy sole for muddy mountain paths',
  category: 'footwear',
  tags: ['running', 'outdoor'],
};

describe('content encoder', () => {
  it('gives the same vector for the same features, every time', () => {
    expect(Array.from(encodeContent(shoe, 128))).toEqual(Array.from(encodeContent({ ...shoe }, 128)));
  });

  it('honours the dimension and returns a unit vector', () => {
    for (const d of [16, 64, 128, 384]) {
      const v = encodeContent(shoe, d);
      expect(v).toHaveLength(d);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('puts similar items nearer than unrelated ones', () => {
    const otherShoe = {
      title: 'Road running shoe',
      description: 'A cushioned running shoe for long road runs',
      category: 'footwear',
      tags: ['running'],
    };
    const kettle = {
      title: 'Electric kettle',
      description: 'Stainless steel kettle that boils water in two minutes',
      category: 'kitchen',
      tags: ['appliance'],
    };
    const a = encodeContent(shoe, 128);
    expect(cos(a, encodeContent(otherShoe, 128))).toBeGreaterThan(cos(a, encodeContent(kettle, 128)) + 0.2);
  });

  it('tokenises lowercased unigrams, bigrams, category and tags', () => {
    const tokens = tokensOf({ title: 'Red Wine', category: 'drinks', tags: ['Gift'] });
    expect([...tokens.keys()].sort()).toEqual(['b:red wine', 'c:drinks', 't:gift', 'w:red', 'w:wine']);
  });

  it('still embeds a title without words', () => {
    expect(norm(encodeContent({ title: '!!!' }, 32))).toBeCloseTo(1, 5);
  });
});
