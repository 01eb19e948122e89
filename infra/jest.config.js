module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.js'],
  reporters: ['default', require.resolve('./lib/results-reporter.cjs')],
};
