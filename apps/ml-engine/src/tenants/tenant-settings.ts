import { type ComponentDeps } from '../component';

/** A tenant's ML settings (seed 002 §6). */
export interface MlSettings {
  default_model: string;
  embedding_dimension: number;
}

/** The tenants' settings, read from user-service (cached). */
export interface TenantSettings {
  of(tenantId: string): Promise<MlSettings>;
}

export function tenantSettings(_deps: ComponentDeps): TenantSettings {
  throw new Error('tenant settings: not built yet');
}
