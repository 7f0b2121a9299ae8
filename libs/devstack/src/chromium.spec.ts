import { ensureChromium, findChromium } from './chromium';

describe('findChromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('takes CHROMIUM_PATH when it names a file', () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(findChromium()).toBe(process.execPath);
  });

  it('finds nothing when CHROMIUM_PATH names a missing file, and ensureChromium says so instead of installing', async () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    expect(findChromium()).toBeUndefined();
    await expect(ensureChromium()).rejects.toThrow('CHROMIUM_PATH=/nowhere/chromium does not exist');
  });
});
