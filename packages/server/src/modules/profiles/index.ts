export const profilesModule = { entities: [], resolvers: [] } as const;
