import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadOrderServiceConfig } from './config';

runService('order-service', loadOrderServiceConfig, compose);
