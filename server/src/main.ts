// Boot: config → infrastructure → app → listen; a graceful stop on SIGTERM/SIGINT.
import { startApp } from './app';
import { ConfigError, loadConfig, loadEnvFile } from './config';
import { createLogger } from './infra/logger';
import { localMediaDir } from './infra/media';
import { seedIfEmpty } from './seed-on-start';

async function main() {
  let config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, { format: config.logFormat });
  // The embedded default seeds demo data on first start, before the first request.
  const seed = !config.database.url && config.seedDemoData;
  const app = await startApp(config, {
    log,
    beforeServing: seed ? (infra) => seedIfEmpty(infra.prisma, log, localMediaDir(config)) : undefined,
  });

  const shutdown = (signal: string) => {
    log.info({ signal, delaySeconds: config.shutdownDelaySeconds }, 'stopping: /readyz says 503, then in-flight requests finish');
    const force = setTimeout(() => process.exit(1), (config.shutdownDelaySeconds + 20) * 1000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
