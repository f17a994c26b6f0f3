import { loadConfig } from '../../config.js';
import { serve } from '../../cli/serve.js';
import { serveIpc } from '../proc.js';
import { Profiler, memoryReport } from '../probe.js';

// The server under test: exactly `starhold serve` (same config from the environment, same
// plugins, same SIGTERM shutdown), plus an IPC channel through which the runner asks for memory
// after a full GC (the process runs with --expose-gc) and for CPU profiles of measured phases.
const profiler = new Profiler();
serveIpc({
  memory: () => memoryReport(),
  profileStart: () => profiler.start(),
  profileStop: (a) => profiler.stop(typeof a.file === 'string' ? a.file : undefined),
});
await serve(loadConfig());
process.send?.({ type: 'ready' });
