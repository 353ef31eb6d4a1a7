export { call, createTestContext, TEST_PASSWORD, TEST_SECRETS, type TestContext, type TestTenant } from './test-context.ts';
export { openTestDatabase } from './test-database.ts';
export { startTestServer, type TestServer } from './test-server.ts';
export { addRequirementManager, REQUIREMENT_EXAMPLE } from './requirement-example.ts';
