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

  /**
   * Keeps the space `make` builds or loads under its version; catalog changes that arrive meanwhile are
   * queued and applied once it is there (the registry builds new versions through this too).
   */
  track(tenantId: string, version: string, make: () => Promise<TrainedSpace>): Promise<TrainedSpace> {
    const k = key(tenantId, version);
    const entry: Entry = { tenantId, queued: [], loading: Promise.resolve(undefined as never) };
    entry.loading = (async () => {
      const space = await make();
      for (const change of entry.queued.splice(0)) space.apply(change);
      entry.space = space;
      return space;
    })();
    entry.loading.catch(() => this.forget(tenantId, version, entry)); // the next request tries again
    this.spaces.set(k, entry);
    return entry.loading;
  }

  /** Drops a loaded version (a candidate nobody asked for yet), or only the given entry of it. */
  forget(tenantId: string, version: string, only?: Entry): void {
    const k = key(tenantId, version);
    if (!only || this.spaces.peek(k) === only) this.spaces.delete(k);
  }

  /** This replica activated `version` (or noticed another did): the name is current, listeners hear it. */
  async activated(tenantId: string, version: string): Promise<void> {
    this.activeNames.set(tenantId, { version, at: Date.now() });
    // all at once: a slow listener (a cache drop in Redis) must not hold back the others
    await Promise.all(
      this.listeners.map((listener) =>
        listener(tenantId, version).catch((err: unknown) =>
          this.deps.logger.error('an activation listener failed', { tenant_id: tenantId, err }),
        ),
      ),
    );
  }

  /**
   * The active version's name: cached, re-read from PostgreSQL once older than the TTL. A request past
   * the TTL is served the cached name while the re-read runs (no database wait on the hot path).
   */
  private async activeName(tenantId: string): Promise<string | null> {
    const cached = this.activeNames.get(tenantId);
    if (cached && Date.now() - cached.at < this.opts.activeTtlMs) return cached.version;
    let lookup = this.lookups.get(tenantId);
    if (!lookup) {
      lookup = this.lookUpActive(tenantId, cached?.version).finally(() => this.lookups.delete(tenantId));
      this.lookups.set(tenantId, lookup);
    }
    if (!cached) return lookup;
    lookup.catch((err: unknown) =>
      this.deps.logger.warn('active model version not re-read', { tenant_id: tenantId, err }),
    );
    return cached.version;
  }

  private async lookUpActive(tenantId: string, before: string | null | undefined) {
    const cachedBefore = this.activeNames.get(tenantId);
    const version = (await repo.active(this.deps.pool, tenantId))?.version ?? null;
    // an activation on this replica while the query ran is newer than what it read
    if (this.activeNames.get(tenantId) !== cachedBefore) return this.activeNames.get(tenantId)!.version;
    if (before !== undefined && version !== null && version !== before)
      await this.activated(tenantId, version); // another replica activated it
    else this.activeNames.set(tenantId, { version, at: Date.now() });
    return version;
  }

  private load(tenantId: string, version: string): Promise<TrainedSpace> {
    const had = this.spaces.get(key(tenantId, version));
    if (had) return had.loading;
    return this.track(tenantId, version, async () => {
      const row = await repo.find(this.deps.pool, tenantId, version);
      if (!row) throw new Error(`model version ${version} of ${tenantId} is gone`);
      return loadSpace(this.deps, tenantId, version, row.artifactKey);
    });
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
