// Import first in a fuzzer's test file: millions of fuzz answers would swamp the suite's qbXML response audit
// (test/support/qbxml-response-audit.ts), and a teeth test's planted invalid answers must not fail it. The fuzzers
// check their own sample against the XSD (xsd-sample.ts). The processor reads the variable when it is first loaded.
delete process.env['QBDSIM_QBXML_RESPONSE_LOG'];
