import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  RENDERER_CSP,
  appFilePath,
  hardenedWebPreferences,
  isAllowedNavigation,
  isPermissionAllowed,
  windowOpenDecision,
} from '../../src/main/security.js';

const APP = 'file:///opt/Starhold/resources/app.asar/dist/renderer/index.html';

describe('shell security policy', () => {
  it('windows are isolated and sandboxed, with no Node in the page', () => {
    expect(hardenedWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it.each([
    [APP, true],
    [`${APP}#/x`, true],
    ['file:///etc/passwd', false],
    ['file:///opt/Starhold/resources/app.asar/dist/renderer/other.html', false],
    ['https://evil.example/', false],
    ['http://192.0.2.1:3000/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('navigation to %s allowed: %s', (url, ok) => {
    expect(isAllowedNavigation(url, APP)).toBe(ok);
  });

  it('allows same-origin navigation only when the app itself is served over http', () => {
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:4000/', 'http://localhost:5173/')).toBe(false);
  });

  it('the app scheme navigates only within starhold://app', () => {
    const entry = 'starhold://app/index.html';
    expect(isAllowedNavigation('starhold://app/index.html#/wheel', entry)).toBe(true);
    expect(isAllowedNavigation('starhold://other/index.html', entry)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', entry)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', entry)).toBe(false);
  });

  it.each([
    ['starhold://app/', '/r/index.html'],
    ['starhold://app/index.html', '/r/index.html'],
    ['starhold://app/assets/app-1.js', '/r/assets/app-1.js'],
    ['starhold://app/assets/../index.html', '/r/index.html'],
    ['starhold://app/%2e%2e/%2e%2e/etc/passwd', '/r/etc/passwd'], // the URL parser resolves the dots: stays inside
    ['starhold://app/a%2F..%2F..%2Fsecret', null],
    ['starhold://app/%00x', null],
    ['starhold://evil/index.html', null],
    ['https://app/index.html', null],
    ['not a url', null],
  ])('app scheme request %s is served from %s', (url, file) => {
    expect(appFilePath(url, '/r/', 'starhold://app')).toBe(file);
  });

  it('window.open never opens a window; web links go to the system browser', () => {
    expect(windowOpenDecision('https://starhold.example/help')).toEqual({ action: 'deny', openExternally: 'https://starhold.example/help' });
    expect(windowOpenDecision('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: null });
  });

  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) expect(isPermissionAllowed(p)).toBe(false);
  });

  it('the renderer page carries the same CSP, with no inline scripts or eval allowed', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
  });
});
