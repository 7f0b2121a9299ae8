import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadMlEngineConfig } from './config';

runService('ml-engine', loadMlEngineConfig, compose);
