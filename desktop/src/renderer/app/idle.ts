import type { AppServices } from './services.js';

/** Reports "away" after a while without input, "online" again on the next input. */
export function watchIdle(services: AppServices, idleAfterMs = 120_000): void {
  let idle = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (idle) {
      idle = false;
      services.runtime.sync?.setIdle(false);
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      idle = true;
      services.runtime.sync?.setIdle(true);
    }, idleAfterMs);
  };
  for (const ev of ['pointerdown', 'keydown', 'wheel', 'focus']) window.addEventListener(ev, arm, { passive: true });
  arm();
}
