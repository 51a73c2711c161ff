/**
 * n8n's UX guidelines for error messages (section "Errors"), checked on the source: every text written as an
 * error's message or description (NodeOperationError, NodeApiError, UserError, inputError(), credentialError(),
 * a `message`/`description` member or assignment) contains none of the words the guidelines ask to avoid
 * ("error", "problem", "failed"/"failure", "mistake"). The messages as the engine produces them:
 * test/reliability/messageRules.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

import { forbiddenIn, unquotedNames } from '../helpers/messageRules';

const ROOT = path.join(__dirname, '..', '..');

/** The texts the source writes as an error's message or description, with where they are. */
function errorTexts(): Array<{ where: string; text: string }> {
	const files = (dir: string): string[] =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) return files(full);
			return entry.name.endsWith('.ts') ? [full] : [];
		});
	const texts: Array<{ where: string; text: string }> = [];
	const ERROR_CALLS = new Set([
		'NodeOperationError',
		'NodeApiError',
		'UserError',
		'inputError',
		'credentialError',
	]);
	for (const file of [
		...files(path.join(ROOT, 'nodes')),
		...files(path.join(ROOT, 'credentials')),
	]) {
		const source = ts.createSourceFile(
			file,
			fs.readFileSync(file, 'utf8'),
			ts.ScriptTarget.Latest,
			true,
		);
		const collect = (node: ts.Node) => {
			if (
				ts.isStringLiteral(node) ||
				ts.isNoSubstitutionTemplateLiteral(node) ||
				ts.isTemplateHead(node) ||
				ts.isTemplateMiddle(node) ||
				ts.isTemplateTail(node)
			) {
				const { line } = source.getLineAndCharacterOfPosition(node.getStart());
				texts.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, text: node.text });
			}
			node.forEachChild(collect);
		};
		const calleeName = (expression: ts.Expression): string | undefined => {
			if (ts.isIdentifier(expression)) return expression.text;
			// inputError.call(this, itemIndex, message, description)
			if (ts.isPropertyAccessExpression(expression) && expression.name.text === 'call')
				return calleeName(expression.expression);
			return undefined;
		};
		const visit = (node: ts.Node) => {
			if (
				(ts.isNewExpression(node) || ts.isCallExpression(node)) &&
				ERROR_CALLS.has(calleeName(node.expression) ?? '')
			) {
				for (const argument of node.arguments ?? []) collect(argument);
			} else if (
				ts.isPropertyAssignment(node) &&
				ts.isIdentifier(node.name) &&
				['message', 'description'].includes(node.name.text) &&
				// A field's description (INodeProperties) is a tooltip: uxRules.test.ts checks those.
				!/^(displayName|name)$/.test(
					(node.parent as ts.ObjectLiteralExpression).properties
						.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''))
						.find((name) => name === 'displayName' || name === 'name') ?? '',
				)
			) {
				collect(node.initializer);
			} else if (
				ts.isVariableDeclaration(node) &&
				ts.isIdentifier(node.name) &&
				/message|description|hint|note|what|check/i.test(node.name.text) &&
				node.initializer
			) {
				// A text kept for a message: `const message = …`, the HINTS by status, a note.
				collect(node.initializer);
			} else if (
				ts.isBinaryExpression(node) &&
				node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
				ts.isPropertyAccessExpression(node.left) &&
				['message', 'description'].includes(node.left.name.text)
			) {
				collect(node.right);
			}
			node.forEachChild(visit);
		};
		visit(source);
	}
	return texts;
}

describe('the source', () => {
	it('writes no error message or description with the words the guidelines avoid', () => {
		const texts = errorTexts();
		// The walk finds the messages (a guard against a walk that finds nothing).
		expect(texts.length).toBeGreaterThan(150);
		const found = texts
			.filter(({ text }) => forbiddenIn(text).length > 0)
			.map(({ where, text }) => `${where}: ${text}`);
		expect(found).toEqual([]);
	});

	it("quotes every parameter name of several words it writes in an error text ('Return All')", () => {
		const found = errorTexts().flatMap(({ where, text }) =>
			unquotedNames(text).map((name) => `${where}: ${name}: ${text}`),
		);
		expect(found).toEqual([]);
	});
});
