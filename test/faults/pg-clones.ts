import pg from 'pg';

/**
 * Per-scenario PostgreSQL hub databases, cloned from the template database (CREATE DATABASE …
 * TEMPLATE copies files: far faster than migrating and registering every party again).
 */
export class PgClones {
  readonly #admin: pg.Pool;
  readonly #prefix = `cds_faults_${process.pid}`;

  constructor(private readonly url: string) {
    this.#admin = new pg.Pool({ connectionString: url, max: 2 });
  }

  #urlOf(database: string): string {
    const url = new URL(this.url);
    url.pathname = `/${database}`;
    return url.toString();
  }

  /** An empty database for the template hub to migrate and fill. */
  async template(): Promise<string> {
    await this.#admin.query(`drop database if exists ${this.#prefix}_tpl`);
    await this.#admin.query(`create database ${this.#prefix}_tpl`);
    return this.#urlOf(`${this.#prefix}_tpl`);
  }

  async clone(seed: number): Promise<string> {
    const name = `${this.#prefix}_${seed}`;
    await this.#admin.query(`drop database if exists ${name}`);
    await this.#admin.query(`create database ${name} template ${this.#prefix}_tpl`);
    return this.#urlOf(name);
  }

  async drop(seed: number): Promise<void> {
    await this.#admin.query(`drop database if exists ${this.#prefix}_${seed} with (force)`);
  }

  async close(): Promise<void> {
    await this.#admin.query(`drop database if exists ${this.#prefix}_tpl with (force)`);
    await this.#admin.end();
  }
}
