export default {
  rootDir: '../..',
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.mjs'],
  testTimeout: 120000,
};
