// Runs n8n's verification scan (@n8n/scan-community-package's own analyzePackage) on a local folder, offline.
//   node scripts/scan.mjs <folder> source    the committed source: package.json and {nodes,credentials}/**
//   node scripts/scan.mjs <folder> tarball   an extracted package tarball: **/*.js and package.json
// Prints one JSON line: { passed, message, errorCount, warningCount, messages: [{ file, line, ruleId, severity,
// message }] }. analyzePackage reports only its verdict and, when an error is found, a formatted text; to count
// warnings too, the ESLint results of that same run are read as it returns them.
import path from 'node:path';

import { ESLint } from 'eslint';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// The file sets of the scan's two legs, as analyzePackageByName passes them.
const LEGS = { source: SOURCE_FILE_PATTERNS, tarball: ['**/*.js', 'package.json'] };

const [folder, leg] = process.argv.slice(2);
if (!folder || !(leg in LEGS)) {
	console.error('usage: node scripts/scan.mjs <folder> source|tarball');
	process.exit(2);
}
const packageDir = path.resolve(folder);

const results = [];
const lintFiles = ESLint.prototype.lintFiles;
ESLint.prototype.lintFiles = async function (...args) {
	const lintResults = await lintFiles.apply(this, args);
	results.push(...lintResults);
	return lintResults;
};

const verdict = await analyzePackage(packageDir, LEGS[leg]);
const messages = results.flatMap((result) =>
	result.messages.map((m) => ({
		file: path.relative(packageDir, result.filePath),
		line: m.line,
		ruleId: m.ruleId,
		severity: m.severity === 2 ? 'error' : 'warning',
		message: m.message,
	})),
);
console.log(
	JSON.stringify({
		passed: verdict.passed,
		message: verdict.message,
		filesLinted: results.length,
		errorCount: messages.filter((m) => m.severity === 'error').length,
		warningCount: messages.filter((m) => m.severity === 'warning').length,
		messages,
	}),
);
