/** OpenAPI `security` of a route that needs a bearer token (either scheme the docs page offers). */
export const bearerSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { oauth2: [] }];
