import { withTransaction } from '@platform/service-kit';
import { type Pool } from 'pg';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { TenantsRepository } from '../tenants/tenants.repository';
import { UsersRepository } from '../users/users.repository';
import { VerificationRepository } from '../verification/verification.repository';
import { type Db } from './sql';
import { EventsRepository } from './events.repository';

export interface Repositories {
  users: UsersRepository;
  tenants: TenantsRepository;
  refreshTokens: RefreshTokensRepository;
  verification: VerificationRepository;
  apiKeys: ApiKeysRepository;
  events: EventsRepository;
}

const repositories = (db: Db): Repositories => ({
  users: new UsersRepository(db),
  tenants: new TenantsRepository(db),
  refreshTokens: new RefreshTokensRepository(db),
  verification: new VerificationRepository(db),
  apiKeys: new ApiKeysRepository(db),
  events: new EventsRepository(db),
});

/** The repositories, on the pool for single reads, or inside one transaction for a use case's writes. */
export class Store {
  readonly repos: Repositories;

  constructor(private readonly pool: Pool) {
    this.repos = repositories(pool);
  }

  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, (tx) => fn(repositories(tx)));
  }
}
