import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadUserServiceConfig } from './config';

runService('user-service', loadUserServiceConfig, compose);
