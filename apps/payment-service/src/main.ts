import { runService } from '@platform/service-kit';
import { compose } from './compose';
import { loadPaymentServiceConfig } from './config';

runService('payment-service', loadPaymentServiceConfig, compose);
