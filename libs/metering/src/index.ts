export { rateLimit, type RateLimitOptions, type TenantResolver } from './rate-limit';
export { UsageMeter, type UsageExtras, type UsageMeterOptions } from './usage-meter';
export { quotaGuard, monthOf, type QuotaGuardOptions, type QuotaState } from './quota-guard';
