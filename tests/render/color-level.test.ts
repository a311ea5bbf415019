// Colour is off for --no-color, NO_COLOR and TERM=dumb, even on a terminal; FORCE_COLOR overrides TERM=dumb only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureColor } from '../../src/cli/color.js';
import { colorLevel } from '../../src/render/color-level.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
afterEach(() => vi.unstubAllEnvs());

describe('colour level', () => {
  it('a terminal gets colour', () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
    configureColor({ stream: tty });
    expect(colorLevel().level).toBeGreaterThan(0);
  });
  it('TERM=dumb turns it off, unless FORCE_COLOR asks for it', () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('TERM', 'dumb');
    configureColor({ stream: tty });
    expect(colorLevel().level).toBe(0);
    vi.stubEnv('FORCE_COLOR', '1');
    configureColor({ stream: tty });
    expect(colorLevel().level).toBe(1);
  });
  it('NO_COLOR and --no-color turn it off', () => {
    vi.stubEnv('TERM', 'xterm');
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('NO_COLOR', '1');
    configureColor({ stream: tty });
    expect(colorLevel().level).toBe(0);
    vi.stubEnv('NO_COLOR', '');
    configureColor({ stream: tty, color: false });
    expect(colorLevel().level).toBe(0);
  });
});
