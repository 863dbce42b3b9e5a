import type { Ref } from "react";
import {
  FieldError,
  Input,
  Label,
  Text,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from "react-aria-components";

export interface TextFieldProps extends Omit<AriaTextFieldProps, "isInvalid" | "validate" | "children" | "className"> {
  label: string;
  description?: string;
  /** Shown under the field and announced with it; the field is invalid while it is set. */
  errorMessage?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled text input with an optional hint and error, built on React Aria. */
export function TextField({ label, description, errorMessage, inputRef, ...props }: TextFieldProps) {
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
