import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadWebConfig } from './config';

runService('web', loadWebConfig, compose);
