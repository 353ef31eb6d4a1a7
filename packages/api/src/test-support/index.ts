export { call, createTestContext, TEST_PASSWORD, TEST_SECRETS, type TestContext, type TestTenant } from './test-context.ts';
export { openTestDatabase } from './test-database.ts';
export { startTestServer, type TestServer } from './test-server.ts';
export { addRequirementManager, REQUIREMENT_EXAMPLE } from './requirement-example.ts';
export { apiRequest, type ApiBody, type ApiResponse } from './api-request.ts';
export type { BodyOf, DataOf, QueryOf, RouteOf } from './api-routes.ts';
export { useTestTenant, type StaffRole, type TestTenantHarness } from './use-test-tenant.ts';
export { createCustomer, newContact, newCustomer, newCustomerWithContact, newDepartment, newTag } from './fixtures.ts';
export { describeAccessRules, type AccessRule } from './security-suite.ts';
