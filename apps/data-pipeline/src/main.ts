import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadDataPipelineConfig } from './config';

runService('data-pipeline', loadDataPipelineConfig, compose);
