/** Ends the run with one plain line, `N passed, N failed, N skipped`, that any CI log reader understands. */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		process.stdout.write(
			`\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
		);
	}
}
module.exports = SummaryReporter;
