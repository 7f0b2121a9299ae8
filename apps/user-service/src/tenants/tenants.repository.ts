import { type TenantResponse } from '@platform/contracts';
import { query, type Db } from '../db/sql';

interface TenantRow {
  id: string;
  name: string;
  plan: TenantResponse['plan'];
  status: TenantResponse['status'];
  settings: TenantResponse['settings'];
  created_at: Date;
}

const toTenant = (r: TenantRow): TenantResponse => ({
  tenant_id: r.id,
  name: r.name,
  plan: r.plan,
  status: r.status,
  created_at: r.created_at.toISOString(),
  settings: r.settings,
});

export class TenantsRepository {
  constructor(private readonly db: Db) {}

  async insert(t: { id: string; name: string; createdAt: Date }): Promise<TenantResponse> {
    const [row] = await query<TenantRow>(
      this.db,
      'INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) RETURNING *',
      [t.id, t.name, t.createdAt],
    );
    return toTenant(row);
  }

  async findById(id: string): Promise<TenantResponse | undefined> {
    const [row] = await query<TenantRow>(this.db, 'SELECT * FROM tenants WHERE id = $1', [id]);
    return row && toTenant(row);
  }
}
