export { up, down, status, stack, stackEnv, SERVICE_DATABASES, type ServerStatus } from './stack';
export { PostgresServer } from './servers/postgres';
export { RedisServer } from './servers/redis';
export { KafkaServer } from './servers/kafka';
export { FerretDbServer } from './servers/ferretdb';
export { S3Server, S3_TEST_BUCKET } from './servers/s3';
export { SmtpServer, SMTP_CATCHER, maildevVersion } from './servers/smtp';
export { type Server } from './servers/server';
export { waitFor } from './wait';
export { freePort, portOpen } from './ports';
export { ensureChromium, findChromium } from './chromium';
export {
  SERVICES,
  SERVICE_NAMES,
  serviceEnv,
  startService,
  stopServices,
  type ServiceName,
  type RunningService,
} from './services';
export { kustomizeBinary, kustomizeBuild, KUSTOMIZE_VERSION } from './kustomize';
export { dockerComposeCommand } from './docker-compose';
