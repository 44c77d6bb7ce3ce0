import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand } from './open-browser.ts';

const URL = 'http://127.0.0.1:4000/token/';
const yes = () => true;
const no = () => false;

describe('browserCommand', () => {
  it('uses xdg-open on Linux with a display and xdg-open on the PATH', () => {
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0' }, onPath: yes })).toEqual(['xdg-open', URL]);
    expect(browserCommand(URL, { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, onPath: yes })).toEqual(['xdg-open', URL]);
  });

  it('tries nothing without a display, without xdg-open, or under CI', () => {
    expect(browserCommand(URL, { platform: 'linux', env: {}, onPath: yes })).toBeUndefined();
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: '' }, onPath: yes })).toBeUndefined();
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0' }, onPath: no })).toBeUndefined();
    for (const env of [{ CI: 'true' }, { CI: '1' }, { GITHUB_ACTIONS: 'true' }, { BUILD_NUMBER: '7' }]) {
      expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0', ...env }, onPath: yes }), JSON.stringify(env)).toBeUndefined();
      expect(browserCommand(URL, { platform: 'darwin', env, onPath: yes })).toBeUndefined();
    }
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0', CI: 'false' }, onPath: yes })).toEqual(['xdg-open', URL]);
  });

  it('uses open on macOS and start on Windows', () => {
    expect(browserCommand(URL, { platform: 'darwin', env: {} })).toEqual(['open', URL]);
    expect(browserCommand(URL, { platform: 'win32', env: {} })).toEqual(['cmd', '/c', 'start', '""', URL]);
  });

  it('finds xdg-open by a real PATH lookup', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opener-'));
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0', PATH: dir } })).toBeUndefined();
    writeFileSync(path.join(dir, 'xdg-open'), '#!/bin/sh\n');
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0', PATH: dir } })).toBeUndefined();
    chmodSync(path.join(dir, 'xdg-open'), 0o755);
    expect(browserCommand(URL, { platform: 'linux', env: { DISPLAY: ':0', PATH: `/nonexistent-dir${path.delimiter}${dir}` } })).toEqual(['xdg-open', URL]);
  });
});
