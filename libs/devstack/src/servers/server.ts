/** One real server devstack can run: how to get its binaries, start it, and ask it whether it answers. */
export interface Server {
  /** Name of its pid file, log file and data folder. */
  readonly name: string;
  readonly port: number;
  /** Its data folder. */
  readonly dir: string;
  /** Makes the binaries available (apt, Maven Central, the Go module proxy, npm). Idempotent. */
  install(): Promise<void>;
  /** Spawns the server; assumes it is installed and not yet running. */
  start(): Promise<void>;
  /** True once the server answers its own protocol (not merely an open port). */
  ready(): Promise<boolean>;
  /** Why the server devstack left running must be replaced (built from other sources), if it must. */
  outdated?(): string | undefined;
  /** Stops it if devstack started it. */
  stop(): Promise<void>;
  /** The connection settings a client needs, as environment variables. */
  env(): Record<string, string>;
}
