import { describe, expect, it } from 'vitest';
import { bannerLines } from '../../server/banner.ts';
import { lanOrigins } from '../../server/lanAddresses.ts';
import { parseServerArgs } from '../../server/options.ts';
import { startTestServer, TestInspector } from './helpers.ts';

describe('--classroom: every interface, the LAN join and presenter URLs, a QR code', () => {
  it('listens on every interface unless --host says otherwise', () => {
    expect(parseServerArgs(['--classroom'])).toEqual({ options: { classroom: true, host: '0.0.0.0' } });
    expect(parseServerArgs(['--classroom', '--host', '192.0.2.2'])).toEqual({
      options: { classroom: true, host: '192.0.2.2' },
    });
  });

  it('prints, for each LAN address, the join URL and the presenter URL, then the first join URL as a QR code', () => {
    const lines = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: ['http://192.168.1.20:3000', 'http://10.0.0.5:3000'],
      presenterToken: 'e2e-presenter-token',
      classroom: true,
    });
    expect(lines[0]).toBe('ws101 listening on http://127.0.0.1:3000');
    expect(lines).toContain('  students join: http://192.168.1.20:3000/');
    expect(lines).toContain('  students join: http://10.0.0.5:3000/');
    expect(lines.join('\n')).toContain(
      'presenter:     http://192.168.1.20:3000/?presenter=e2e-presenter-token',
    );
    expect(lines.join('\n')).toContain('presenter:     http://10.0.0.5:3000/?presenter=e2e-presenter-token');
    const scan = lines.indexOf('scan to join http://192.168.1.20:3000/ :');
    const qr = lines.slice(scan + 1).filter((line) => line.length > 0);
    // Two modules per character row (upper and lower half blocks): a version-2 code and its border.
    expect(qr.length).toBeGreaterThanOrEqual(10);
    expect(new Set(qr.map((line) => [...line].length)).size).toBe(1);
    expect(qr.join('')).toMatch(/[█▀▄]/);
  });

  it('without a LAN address, prints the presenter URL on the address it listens on, and no QR code', () => {
    const lines = bannerLines({
      localUrl: 'http://127.0.0.1:3000',
      lanOrigins: [],
      presenterToken: 'e2e-presenter-token',
      classroom: false,
    });
    expect(lines).toEqual([
      'ws101 listening on http://127.0.0.1:3000',
      'presenter: http://127.0.0.1:3000/?presenter=e2e-presenter-token  (drives the room; keep it to yourself)',
    ]);
  });

  it('tells the page its LAN origins in welcome, so the deck’s join link works from 127.0.0.1', async () => {
    const lan = await startTestServer({ host: '0.0.0.0' });
    const local = await startTestServer();
    try {
      const page = await TestInspector.open(lan);
      expect(page.welcome.lanOrigins).toEqual(lanOrigins('0.0.0.0', lan.port));
      for (const origin of page.welcome.lanOrigins as string[]) expect(origin).not.toMatch(/127\.0\.0\.1/);
      page.close();
      const alone = await TestInspector.open(local);
      expect(alone.welcome.lanOrigins).toEqual([]);
      alone.close();
    } finally {
      await lan.close();
      await local.close();
    }
  });
});
