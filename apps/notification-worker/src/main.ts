import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadWorkerConfig } from './config';

runService('notification-worker', loadWorkerConfig, compose);
