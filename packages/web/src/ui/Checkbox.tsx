import "./controls.css";
import type { ReactNode } from "react";
import {
  Checkbox as AriaCheckbox,
  CheckboxGroup as AriaCheckboxGroup,
  FieldError,
  Label,
  Text,
  type CheckboxProps as AriaCheckboxProps,
} from "react-aria-components";

function Box() {
  return (
    <span className="checkbox-box" aria-hidden="true">
      <svg viewBox="0 0 18 18" focusable="false">
        <polyline points="3.5 9.5 7.5 13 14.5 5" />
      </svg>
    </span>
  );
}

/** A checkbox with a visible box and label, built on React Aria. */
export function Checkbox({ children, ...props }: Omit<AriaCheckboxProps, "className" | "children"> & { children: ReactNode }) {
  return (
    <AriaCheckbox {...props} className="checkbox">
      <Box />
      <span className="checkbox-label">{children}</span>
    </AriaCheckbox>
  );
}

export interface CheckboxGroupProps {
  label: string;
  options: Array<{ id: string; name: ReactNode }>;
  value: string[];
  onChange: (value: string[]) => void;
  description?: string;
  errorMessage?: string;
}

/** Several choices from a short list, as a labelled group of checkboxes. */
export function CheckboxGroup({ label, options, value, onChange, description, errorMessage }: CheckboxGroupProps) {
  return (
    <AriaCheckboxGroup
      className="field checkbox-group"
      value={value}
      onChange={onChange}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <div className="checkbox-options">
        {options.map((option) => (
          <AriaCheckbox key={option.id} value={option.id} className="checkbox">
            <Box />
            <span className="checkbox-label">{option.name}</span>
          </AriaCheckbox>
        ))}
      </div>
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaCheckboxGroup>
  );
}
