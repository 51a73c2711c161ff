/**
 * In-memory records. Each type keeps its records in an array ordered by id; ids grow with creation (an
 * object-id-like timestamp + counter), so appends keep the order and a cursor is found by binary search. Ids
 * minted out of order (IdMinting) are put in their place.
 */

export interface RelRef {
	type: string;
	id: string;
	meta?: Record<string, unknown>;
}
export type RelData = RelRef | RelRef[] | null;
export interface Relationship {
	data?: RelData;
	links?: Record<string, string>;
}

/** Who a record belongs to, for the organization/groups/patient filters; never serialized. */
export interface Scope {
	organization?: string;
	groups?: string[];
	patient?: string;
	/** health_profile_question -> its profile (the spec gives that relationship links only). */
	profile?: string;
}

export interface StoredRecord {
	id: string;
	type: string;
	attributes: Record<string, unknown>;
	relationships: Record<string, Relationship>;
	scope: Scope;
	createdAt: number; // ms
	updatedAt: number;
}

export interface JsonApiResource {
	id: string;
	type: string;
	attributes: Record<string, unknown>;
	relationships?: Record<string, Relationship>;
	links?: Record<string, string>;
}

/**
 * How ids are minted when the API runs on several servers (`Sandbox.mintIdsOutOfOrder`): as MongoDB mints an
 * ObjectId, 8 hex digits of seconds, 10 of the minting process, 6 of that process's counter, so ids are ordered
 * only to the second; a record can also be committed up to `lateSeconds` after its id was minted.
 */
export interface IdMinting {
	/** Minting processes (each its own random 5 bytes and counter). */
	servers: number;
	/** A share (0..1) of the records is committed late: minted up to `lateSeconds` before they are stored. */
	lateShare?: number;
	lateSeconds?: number;
	/** List each cursor page in a shuffled order (`links.next` still names the last record listed). */
	shufflePages?: boolean;
	/** Seed of the random choices (server, lateness, page order). */
	seed?: number;
}

/**
 * 8 hex digits of seconds + 16 hex digits of a global counter: unique and strictly ascending; or, once `mint()`
 * is set, ids as several servers mint them (IdMinting). `advance()` moves the clock on (ids and stamps).
 */
export class IdGenerator {
	private counter = 0;
	private lastSeconds = 0;
	private offsetMs = 0;
	private minting?: {
		options: IdMinting;
		rng: () => number;
		servers: string[];
	};
	/** Each minting process's counter, kept across mint() calls: the same seed is the same processes going on. */
	private readonly counters = new Map<string, number>();
	next(atMs: number): string {
		if (this.minting) return this.nextOfServer(atMs);
		const seconds = Math.max(this.lastSeconds, Math.floor(atMs / 1000));
		this.lastSeconds = seconds;
		this.counter++;
		return seconds.toString(16).padStart(8, '0') + this.counter.toString(16).padStart(16, '0');
	}
	/**
	 * Time to stamp a new record with: now, but never before the last id (seed data may lie in the future); with
	 * minting set, now as the minting server's clock has it (advance() can set it back: a server behind).
	 */
	now(): number {
		const now = Date.now() + this.offsetMs;
		return this.minting ? now : Math.max(now, this.lastSeconds * 1000);
	}
	/** Moves the clock on by `seconds` (back, if negative: only with minting set does a new id then go back). */
	advance(seconds: number): void {
		this.offsetMs += seconds * 1000;
	}
	mint(options: IdMinting | undefined, random: (seed: number) => () => number): void {
		if (!options) {
			this.minting = undefined;
			return;
		}
		const rng = random(options.seed ?? 1);
		const hex = (digits: number) =>
			Array.from({ length: digits }, () => Math.floor(rng() * 16).toString(16)).join('');
		const servers = Array.from({ length: Math.max(1, options.servers) }, () => {
			const bytes = hex(10);
			const start = Math.floor(rng() * 0x10000);
			if (!this.counters.has(bytes)) this.counters.set(bytes, start);
			return bytes;
		});
		this.minting = { options, rng, servers };
	}
	/** With minting set: when a record created now was minted (late: up to `lateSeconds` before). */
	mintedAt(atMs: number): number {
		const late = this.minting?.options;
		if (!late?.lateShare || !late.lateSeconds || this.minting!.rng() >= late.lateShare) return atMs;
		return atMs - Math.floor(this.minting!.rng() * late.lateSeconds * 1000);
	}
	/** With minting set and shufflePages on: a random number for the order of a page. */
	pageShuffle(): (() => number) | undefined {
		return this.minting?.options.shufflePages ? this.minting.rng : undefined;
	}
	private nextOfServer(atMs: number): string {
		const { rng, servers } = this.minting!;
		const server = servers[Math.floor(rng() * servers.length)];
		const counter = ((this.counters.get(server) ?? 0) + 1) % 0x1000000;
		this.counters.set(server, counter);
		const seconds = Math.floor(atMs / 1000);
		this.lastSeconds = Math.max(this.lastSeconds, seconds);
		return seconds.toString(16).padStart(8, '0') + server + counter.toString(16).padStart(6, '0');
	}
}

export const OBJECT_ID = /^[0-9a-f]{24}$/;

export class Collection {
	readonly records: StoredRecord[] = [];
	readonly byId = new Map<string, StoredRecord>();
	/** Bumped on every change; cached filter results are keyed by it. */
	version = 0;
	private cache = new Map<string, { version: number; matches: StoredRecord[] }>();

	constructor(readonly type: string) {}

	add(rec: StoredRecord): void {
		const last = this.records[this.records.length - 1];
		if (this.byId.has(rec.id)) throw new Error(`duplicate id (${rec.type})`);
		// Ids minted out of order (IdMinting) go to their place: the records stay in id order.
		if (last && last.id > rec.id) this.records.splice(this.indexAfter(rec.id), 0, rec);
		else this.records.push(rec);
		this.byId.set(rec.id, rec);
		this.version++;
	}

	remove(id: string): boolean {
		const rec = this.byId.get(id);
		if (!rec) return false;
		this.byId.delete(id);
		this.records.splice(this.indexAfter(id) - 1, 1);
		this.version++;
		return true;
	}

	touch(): void {
		this.version++;
	}

	/** Index of the first record whose id is greater than `id` (binary search). */
	indexAfter(id: string): number {
		let lo = 0;
		let hi = this.records.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.records[mid].id <= id) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** All matching records (cached per filter key until the collection changes). */
	matching(key: string, predicate: ((r: StoredRecord) => boolean) | undefined): StoredRecord[] {
		if (!predicate) return this.records;
		const hit = this.cache.get(key);
		if (hit && hit.version === this.version) return hit.matches;
		const matches = this.records.filter(predicate);
		if (this.cache.size > 200) this.cache.clear();
		this.cache.set(key, { version: this.version, matches });
		return matches;
	}
}

export class Store {
	readonly ids = new IdGenerator();
	private readonly collections = new Map<string, Collection>();

	collection(type: string): Collection {
		let c = this.collections.get(type);
		if (!c) {
			c = new Collection(type);
			this.collections.set(type, c);
		}
		return c;
	}

	get(type: string, id: string): StoredRecord | undefined {
		return this.collections.get(type)?.byId.get(id);
	}

	types(): string[] {
		return [...this.collections.keys()];
	}

	counts(): Record<string, number> {
		const out: Record<string, number> = {};
		for (const [type, c] of this.collections) out[type] = c.records.length;
		return out;
	}

	create(
		type: string,
		attributes: Record<string, unknown>,
		relationships: Record<string, Relationship>,
		scope: Scope,
		atMs = this.ids.now(),
	): StoredRecord {
		atMs = this.ids.mintedAt(atMs);
		const id = this.ids.next(atMs);
		const iso = new Date(atMs).toISOString();
		const rec: StoredRecord = {
			id,
			type,
			attributes: {
				...attributes,
				created_at: attributes.created_at ?? iso,
				updated_at: attributes.updated_at ?? iso,
			},
			relationships,
			scope,
			createdAt: atMs,
			updatedAt: atMs,
		};
		this.collection(type).add(rec);
		return rec;
	}
}

export function relId(rel: Relationship | undefined): string | undefined {
	const d = rel?.data;
	return d && !Array.isArray(d) ? d.id : undefined;
}
export function relIds(rel: Relationship | undefined): string[] {
	const d = rel?.data;
	if (!d) return [];
	return Array.isArray(d) ? d.map((r) => r.id) : [d.id];
}
