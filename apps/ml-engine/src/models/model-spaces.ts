import { type Logger } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type ItemChange, type ItemCatalog, type ModelSpace, type ModelSpaces } from '../model-space';
import { Lru } from './lru';
import { modelsRepository as repo } from './models.repository';
import { loadSpace, type LoaderDeps } from './space-loader';
import { type TrainedSpace } from './trained-space';

/** A space being loaded or loaded; catalog changes that arrive while it loads wait in `queued`. */
interface Entry {
  tenantId: string;
  loading: Promise<TrainedSpace>;
  space?: TrainedSpace;
  queued: ItemChange[];
}

export interface SpacesOptions {
  /** Loaded spaces kept in memory (least recently used leave first). */
  maxSpaces: number;
  /**
   * How long a replica trusts its cached name of a tenant's active version: PostgreSQL holds the truth,
   * so a replica that did not serve an activation notices it within this time.
   */
  activeTtlMs: number;
}

/**
 * The tenants' versions as spaces (ModelSpaces): loaded lazily from their artifacts and snapshots, kept
 * current with the catalog, the content space before any version is active.
 */
export class TenantSpaces implements ModelSpaces {
  private readonly spaces: Lru<string, Entry>;
  private readonly activeNames = new Map<string, { version: string | null; at: number }>();
  private readonly lookups = new Map<string, Promise<string | null>>();
  private readonly listeners: ((tenantId: string, version: string) => Promise<void>)[] = [];

  constructor(
    private readonly deps: LoaderDeps & { pool: Pool; logger: Logger },
    private readonly catalog: ItemCatalog,
    private readonly opts: SpacesOptions,
  ) {
    this.spaces = new Lru(opts.maxSpaces);
    catalog.onChange(async (tenantId, change) => this.applyChange(tenantId, change));
  }

  async active(tenantId: string): Promise<ModelSpace> {
    const version = await this.activeName(tenantId);
    if (version === null) return this.catalog.contentSpace(tenantId);
    return this.load(tenantId, version);
  }

  async version(tenantId: string, version: string): Promise<ModelSpace | undefined> {
    if (this.spaces.get(key(tenantId, version))) return this.load(tenantId, version);
    const row = await repo.find(this.deps.pool, tenantId, version);
    return row ? this.load(tenantId, version) : undefined;
  }

  onActivated(listener: (tenantId: string, version: string) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** A version just built by the registry: served without loading it back from the store. */
  adopt(tenantId: string, space: TrainedSpace): void {
    this.spaces.set(key(tenantId, space.version), {
      tenantId,
      loading: Promise.resolve(space),
      space,
      queued: [],
    });
  }

  /** This replica activated `version` (or noticed another did): the name is current, listeners hear it. */
  async activated(tenantId: string, version: string): Promise<void> {
    this.activeNames.set(tenantId, { version, at: Date.now() });
    for (const listener of this.listeners)
      await listener(tenantId, version).catch((err: unknown) =>
        this.deps.logger.error('an activation listener failed', { tenant_id: tenantId, err }),
      );
  }

  private async activeName(tenantId: string): Promise<string | null> {
    const cached = this.activeNames.get(tenantId);
    if (cached && Date.now() - cached.at < this.opts.activeTtlMs) return cached.version;
    let lookup = this.lookups.get(tenantId);
    if (!lookup) {
      lookup = this.lookUpActive(tenantId, cached?.version).finally(() => this.lookups.delete(tenantId));
      this.lookups.set(tenantId, lookup);
    }
    return lookup;
  }

  private async lookUpActive(tenantId: string, before: string | null | undefined) {
    const version = (await repo.active(this.deps.pool, tenantId))?.version ?? null;
    if (before !== undefined && version !== null && version !== before)
      await this.activated(tenantId, version); // another replica activated it
    else this.activeNames.set(tenantId, { version, at: Date.now() });
    return version;
  }

  private load(tenantId: string, version: string): Promise<TrainedSpace> {
    const k = key(tenantId, version);
    const had = this.spaces.get(k);
    if (had) return had.loading;
    const entry: Entry = { tenantId, queued: [], loading: undefined as unknown as Promise<TrainedSpace> };
    entry.loading = (async () => {
      const row = await repo.find(this.deps.pool, tenantId, version);
      if (!row) throw new Error(`model version ${version} of ${tenantId} is gone`);
      const space = await loadSpace(this.deps, tenantId, version, row.artifactKey);
      for (const change of entry.queued.splice(0)) space.apply(change);
      entry.space = space;
      return space;
    })();
    entry.loading.catch(() => this.spaces.delete(k)); // the next request tries again
    this.spaces.set(k, entry);
    return entry.loading;
  }

  private async applyChange(tenantId: string, change: ItemChange): Promise<void> {
    for (const entry of this.spaces.values()) {
      if (entry.tenantId !== tenantId) continue;
      if (entry.space) entry.space.apply(change);
      else entry.queued.push(change);
    }
  }
}

const key = (tenantId: string, version: string) => `${tenantId}/${version}`;
