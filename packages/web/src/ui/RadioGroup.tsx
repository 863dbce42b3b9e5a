import "./controls.css";
import type { ReactNode } from "react";
import { FieldError, Label, Radio, RadioGroup as AriaRadioGroup, Text } from "react-aria-components";

export interface RadioGroupProps {
  label: string;
  options: Array<{ id: string; name: ReactNode }>;
  value: string | null;
  onChange: (value: string) => void;
  description?: string;
  errorMessage?: string;
  orientation?: "horizontal" | "vertical";
  isDisabled?: boolean;
}

/** One choice from a few, as a labelled group of radio buttons. */
export function RadioGroup({
  label,
  options,
  value,
  onChange,
  description,
  errorMessage,
  orientation = "vertical",
  isDisabled,
}: RadioGroupProps) {
  return (
    <AriaRadioGroup
      className="field radio-group"
      value={value}
      onChange={onChange}
      isInvalid={Boolean(errorMessage)}
      orientation={orientation}
      isDisabled={isDisabled}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <div className={`radio-options radio-options-${orientation}`}>
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="radio">
            <span className="radio-dot" aria-hidden="true" />
            <span className="radio-label">{option.name}</span>
          </Radio>
        ))}
      </div>
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaRadioGroup>
  );
}
