/**
 * The browser search of the test and bench helpers: a machine with only Node must find a browser that npm installed,
 * and a machine with a browser of its own must use it without unpacking anything.
 */
import { findChromium } from './chromium';

const npmChromium = jest.fn(async () => '/tmp-unpacked/chromium');
const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe('findChromium: SEATWISE_CHROMIUM_PATH, then a system browser, then the npm-installed Chromium', () => {
  beforeEach(() => npmChromium.mockClear());

  it('takes SEATWISE_CHROMIUM_PATH first, even when a system Chromium exists', async () => {
    const found = await findChromium({ env: { SEATWISE_CHROMIUM_PATH: '/opt/my/chrome' }, exists: only('/opt/my/chrome', '/usr/bin/chromium'), npmChromium });
    expect(found).toEqual({ path: '/opt/my/chrome', source: 'SEATWISE_CHROMIUM_PATH' });
  });

  it('reports a SEATWISE_CHROMIUM_PATH that does not exist instead of silently using another browser', async () => {
    await expect(findChromium({ env: { SEATWISE_CHROMIUM_PATH: '/nope' }, exists: only('/usr/bin/chromium'), npmChromium })).rejects.toThrow(
      /SEATWISE_CHROMIUM_PATH is set to \/nope, which does not exist/,
    );
  });

  it("prefers Debian's Chromium, then Chrome, without unpacking the npm one", async () => {
    expect(await findChromium({ env: {}, exists: only('/usr/bin/chromium', '/usr/bin/google-chrome'), npmChromium })).toEqual({ path: '/usr/bin/chromium', source: 'system' });
    expect(await findChromium({ env: {}, exists: only('/usr/bin/google-chrome'), npmChromium })).toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
    expect(npmChromium).not.toHaveBeenCalled();
  });

  it('falls back to the npm-installed Chromium on Linux x64 when no browser is installed', async () => {
    const found = await findChromium({ env: {}, exists: only(), platform: 'linux', arch: 'x64', npmChromium });
    expect(found).toEqual({ path: '/tmp-unpacked/chromium', source: '@sparticuz/chromium' });
  });

  it('says what to do on a platform the npm Chromium does not cover', async () => {
    await expect(findChromium({ env: {}, exists: only(), platform: 'darwin', arch: 'arm64', npmChromium })).rejects.toThrow(/Linux x64 only.*SEATWISE_CHROMIUM_PATH/);
    expect(npmChromium).not.toHaveBeenCalled();
  });

  it('names every place searched when unpacking fails', async () => {
    const broken = async () => {
      throw new Error('disk full');
    };
    await expect(findChromium({ env: {}, exists: only(), platform: 'linux', arch: 'x64', npmChromium: broken })).rejects.toThrow(/\/usr\/bin\/chromium.*disk full/);
  });

  it('really unpacks a browser that exists on this machine when nothing is configured', async () => {
    const found = await findChromium({ env: {} });
    const { existsSync } = await import('node:fs');
    expect(existsSync(found.path)).toBe(true);
  });
});
