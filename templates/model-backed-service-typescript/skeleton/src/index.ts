import { DriftMonitor, loadModelConfig, ModelClient } from './model';
import { createService } from './server';

const config = loadModelConfig();
const client = new ModelClient(config, {
  onFallback: error =>
    console.warn(
      config.modelRef + ' ' + config.version + ' failed (' + error.message + '); ' +
        'answering with the fallback ' + config.fallback?.modelRef,
    ),
});
const drift = new DriftMonitor(config, {
  windowRows: Number(process.env.DRIFT_WINDOW_ROWS || 1000),
  intervalMs: Number(process.env.DRIFT_INTERVAL_MS || 15 * 60_000),
});
drift.start();

const port = Number(process.env.PORT || 8080);
const server = createService({ config, client, drift });
server.listen(port, () => {
  console.log(
    'Listening on port ' + port + ': ' + config.modelRef + ' ' + config.version +
      ' (' + config.environment + ')',
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    // Reports the last window before leaving.
    void drift.stop().finally(() => process.exit(0));
  });
}
