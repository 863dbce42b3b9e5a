import "./controls.css";
import type { Ref } from "react";
import {
  FieldError,
  Label,
  Text,
  TextArea as AriaTextArea,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from "react-aria-components";

export interface TextAreaProps extends Omit<AriaTextFieldProps, "isInvalid" | "validate" | "children" | "className"> {
  label: string;
  description?: string;
  errorMessage?: string;
  rows?: number;
  textAreaRef?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line text field with an optional hint and error, built on React Aria. */
export function TextArea({ label, description, errorMessage, rows = 5, textAreaRef, ...props }: TextAreaProps) {
  return (
    <AriaTextField {...props} className="field" isInvalid={Boolean(errorMessage)} validationBehavior="aria">
      <Label className="field-label">{label}</Label>
      <AriaTextArea ref={textAreaRef} className="field-input field-textarea" rows={rows} />
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
