import type { Ref } from "react";
import {
  FieldError,
  Input,
  Label,
  Text,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from "react-aria-components";
import { formatCalendarDate } from "../lib/time";

export interface TextFieldProps extends Omit<AriaTextFieldProps, "isInvalid" | "validate" | "children" | "className"> {
  label: string;
  description?: string;
  /** Shown under the field and announced with it; the field is invalid while it is set. */
  errorMessage?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input with an optional hint and error, built on React Aria. */
export function TextField({ label, description: hint, errorMessage, inputRef, ...props }: TextFieldProps) {
  // A date input shows the day in the browser's own format; the chosen day is repeated in the app's format beside it.
  const day = props.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(props.value ?? "") ? formatCalendarDate(props.value ?? "") : null;
  const description = day ? [hint, day].filter(Boolean).join(" ") : hint;
  return (
    <AriaTextField {...props} className="field" isInvalid={Boolean(errorMessage)} validationBehavior="aria">
      <Label className="field-label">{label}</Label>
      <Input ref={inputRef} className="field-input" />
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
