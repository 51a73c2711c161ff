/**
 * Starts the Fitbit Plus sandbox (test/sandbox) as a standalone server.
 *
 *   npx tsx scripts/sandbox.ts --port 5679 --seed 1 --patients 500 [--host 0.0.0.0] [--max-page-size 50]
 *     [--token-lifetime 3600] [--link-style absolute|relative] [--no-validate] [--validate-responses]
 *     [--size calendarEvents=1000 ...] [--<sizeName> N] [--spec path/to/swagger.yaml]
 *
 * Prints the URL, the Base URL for the credential and the demo client credentials; stops on SIGINT/SIGTERM.
 */
import { DEFAULT_SIZES, type SeedSizes } from '../test/sandbox/seed';
import { startSandbox, type SandboxOptions } from '../test/sandbox';

function usage(message?: string): never {
	if (message) console.error(message);
	console.error(
		'usage: tsx scripts/sandbox.ts [--port N] [--host H] [--seed N] [--max-page-size N] [--token-lifetime S]\n' +
			'         [--link-style absolute|relative] [--no-validate] [--validate-responses] [--spec FILE]\n' +
			'         [--size name=N ...] [--<name> N]   sizes: ' +
			Object.keys(DEFAULT_SIZES).join(', '),
	);
	process.exit(message ? 2 : 0);
}

function parse(argv: string[]): SandboxOptions {
	const options: SandboxOptions = { port: 5679 };
	const sizes: Partial<SeedSizes> = {};
	const kebabToCamel = (s: string) => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
	const num = (flag: string, v: string | undefined) => {
		if (v === undefined || !/^\d+$/.test(v)) usage(`${flag} needs a non-negative integer`);
		return Number(v);
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] =
			arg.includes('=') && arg.startsWith('--') && !arg.startsWith('--size=')
				? arg.split(/=(.*)/s, 2)
				: [arg, undefined];
		const next = () => inline ?? argv[++i];
		switch (flag) {
			case '--help':
			case '-h':
				usage();
			case '--port':
				options.port = num(flag, next());
				break;
			case '--host':
				options.host = next();
				break;
			case '--seed':
				options.seed = num(flag, next());
				break;
			case '--max-page-size':
				options.maxPageSize = num(flag, next());
				break;
			case '--token-lifetime':
				options.tokenLifetimeSeconds = num(flag, next());
				break;
			case '--link-style': {
				const v = next();
				if (v !== 'absolute' && v !== 'relative') usage('--link-style is absolute or relative');
				options.linkStyle = v;
				break;
			}
			case '--no-validate':
				options.validate = false;
				break;
			case '--validate-responses':
				options.validateResponses = true;
				break;
			case '--spec':
				options.specPath = next();
				break;
			case '--size': {
				const [name, value] = (next() ?? '').split('=');
				if (!(name in DEFAULT_SIZES)) usage(`unknown size "${name}"`);
				(sizes as Record<string, number>)[name] = num(`--size ${name}`, value);
				break;
			}
			default: {
				const name = kebabToCamel(flag.replace(/^--/, ''));
				if (!flag.startsWith('--') || !(name in DEFAULT_SIZES)) usage(`unknown option ${arg}`);
				(sizes as Record<string, number>)[name] = num(flag, next());
			}
		}
	}
	if (Object.keys(sizes).length) options.sizes = sizes;
	return options;
}

async function main(): Promise<void> {
	const options = parse(process.argv.slice(2));
	const started = Date.now();
	const sandbox = await startSandbox(options);
	const counts = sandbox.counts();
	console.log(
		`Fitbit Plus sandbox listening on ${sandbox.url} (seeded in ${Date.now() - started} ms)`,
	);
	console.log(`  Base URL:      ${sandbox.baseUrl}`);
	console.log(`  Client ID:     ${sandbox.clientId}`);
	console.log(`  Client Secret: ${sandbox.clientSecret}`);
	console.log(`  Organization:  ${sandbox.ids.organization}`);
	console.log(
		`  Records:       ${Object.entries(counts)
			.map(([t, n]) => `${t}=${n}`)
			.join(' ')}`,
	);
	console.log(`  Admin:         ${sandbox.url}/__admin/stats`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error) => {
	console.error(`sandbox failed to start: ${e.message}`);
	process.exit(1);
});
