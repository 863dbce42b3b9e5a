export const consentModule = { entities: [], resolvers: [] } as const;
