import { AvailabilitySlot } from "./availability-slot.entity";
import { AvailabilityWindow } from "./availability-window.entity";
import { AvailabilityResolver } from "./availability.resolver";

export const availabilityModule = {
  entities: [AvailabilityWindow, AvailabilitySlot],
  resolvers: [AvailabilityResolver],
} as const;
