/**
 * Every exported value of nodes/ and credentials/ is imported somewhere in the repository (node code, tests,
 * tools): one nobody imports is either dead or only used in its own file, where it should not be exported. Reads the
 * imports with the TypeScript parser: named imports and re-exports count per name; a namespace import or a
 * require() counts for every export of the file. The node and credential classes are n8n's entry points.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const FOLDERS = ['nodes', 'credentials', 'test', 'scripts', 'bench'];

type Sources = Map<string, ts.SourceFile>;

function readSources(): Sources {
	const sources: Sources = new Map();
	for (const folder of FOLDERS) {
		for (const entry of fs.readdirSync(path.join(root, folder), {
			recursive: true,
			encoding: 'utf8',
		})) {
			if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue;
			const file = `${folder}/${entry.split(path.sep).join('/')}`;
			const text = fs.readFileSync(path.join(root, file), 'utf8');
			sources.set(file, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
		}
	}
	return sources;
}

function resolve(sources: Sources, from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
	return [`${base}.ts`, `${base}/index.ts`].find((candidate) => sources.has(candidate));
}

const isExported = (node: ts.Node) =>
	ts.canHaveModifiers(node) &&
	(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** `<file> <name>` for each export of nodes/ and credentials/ that no file imports. */
function unimportedExports(sources: Sources): string[] {
	const used = new Set<string>();
	const wholeFile = new Set<string>();
	for (const [file, source] of sources) {
		const visit = (node: ts.Node): void => {
			if (
				(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
				node.moduleSpecifier &&
				ts.isStringLiteral(node.moduleSpecifier)
			) {
				const target = resolve(sources, file, node.moduleSpecifier.text);
				if (target) {
					const bindings = ts.isImportDeclaration(node)
						? node.importClause?.namedBindings
						: node.exportClause;
					if (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings))
						wholeFile.add(target);
					else
						for (const element of bindings.elements)
							used.add(`${target} ${(element.propertyName ?? element.name).text}`);
				}
			}
			if (
				ts.isCallExpression(node) &&
				(node.expression.kind === ts.SyntaxKind.ImportKeyword ||
					(ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
				node.arguments[0] &&
				ts.isStringLiteral(node.arguments[0])
			) {
				const target = resolve(sources, file, node.arguments[0].text);
				if (target) wholeFile.add(target);
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	const unimported: string[] = [];
	for (const [file, source] of sources) {
		if (!/^(nodes|credentials)\//.test(file) || wholeFile.has(file)) continue;
		if (file.endsWith('.node.ts') || file.endsWith('.credentials.ts')) continue;
		for (const statement of source.statements) {
			// Types stay exported with the functions whose signatures use them, so callers can name them.
			if (!isExported(statement) || ts.isInterfaceDeclaration(statement)) continue;
			if (ts.isTypeAliasDeclaration(statement)) continue;
			const names = ts.isVariableStatement(statement)
				? statement.declarationList.declarations.flatMap((d) =>
						ts.isIdentifier(d.name)
							? [d.name.text]
							: d.name.elements.flatMap((e) =>
									ts.isBindingElement(e) && ts.isIdentifier(e.name) ? [e.name.text] : [],
								),
					)
				: 'name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)
					? [(statement.name as ts.Identifier).text]
					: [];
			for (const name of names)
				if (!used.has(`${file} ${name}`)) unimported.push(`${file} ${name}`);
		}
	}
	return unimported;
}

it('every exported value of nodes/ and credentials/ is imported somewhere', () => {
	const sources = readSources();
	expect(unimportedExports(sources)).toEqual([]);
});

it('names a planted export that nobody imports', () => {
	const sources = readSources();
	const file = 'nodes/shared/helpers/validation.ts';
	const text = `${sources.get(file)!.text}\nexport const plantedUnusedExport = 1;\n`;
	sources.set(file, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
	expect(unimportedExports(sources)).toEqual([`${file} plantedUnusedExport`]);
});
