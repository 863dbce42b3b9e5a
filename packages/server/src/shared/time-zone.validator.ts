import { ValidateBy, type ValidationOptions } from "class-validator";
import { canonicalTimeZone } from "./zoned-time";

export { canonicalTimeZone };

/** class-validator check for an IANA time zone name such as America/Chicago. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isIanaTimeZone",
      validator: {
        validate: (value) => canonicalTimeZone(value) !== null,
        defaultMessage: () => "Use an IANA time zone name such as America/Chicago.",
      },
    },
    options,
  );
}
