import "./controls.css";
import { Button as AriaButton, Input, Label, SearchField as AriaSearchField, Text } from "react-aria-components";
import { t } from "../i18n";

export interface SearchFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  description?: string;
}

/** A labelled search box with a clear button, built on React Aria. */
export function SearchField({ label, value, onChange, onSubmit, description }: SearchFieldProps) {
  return (
    <AriaSearchField className="field search-field" value={value} onChange={onChange} onSubmit={onSubmit}>
      <Label className="field-label">{label}</Label>
      <div className="search-row">
        <Input className="field-input" />
        <AriaButton className="button button-quiet search-clear" aria-label={t("ui.searchField.clearSearch")}>
          ✕
        </AriaButton>
      </div>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
    </AriaSearchField>
  );
}
