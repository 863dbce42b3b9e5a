import { useId, type ReactNode, type Ref } from "react";
import { formatCalendarDate } from "../lib/time";

interface FieldFrameProps {
  label: string;
  description?: ReactNode;
  errorMessage?: string | null;
}

function describedBy(ids: unknown[]): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

function FieldMessages({ id, description, errorMessage }: { id: string; description?: ReactNode; errorMessage?: string | null }) {
  return (
    <>
      {description && (
        <span id={`${id}-description`} className="field-description">
          {description}
        </span>
      )}
      {errorMessage && (
        <span id={`${id}-error`} className="field-error">
          {errorMessage}
        </span>
      )}
    </>
  );
}

/** What every framed control gets: its id and the attributes that tie the hint and the error to it. */
interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** The label above, the hint and the error below, all tied to the control for screen readers. */
function FieldFrame({ label, description, errorMessage, children }: FieldFrameProps & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": errorMessage ? true : undefined,
        "aria-describedby": describedBy([description && `${id}-description`, errorMessage && `${id}-error`]),
      })}
      <FieldMessages id={id} description={description} errorMessage={errorMessage} />
    </div>
  );
}

export interface TextAreaFieldProps extends FieldFrameProps {
  name?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  rows?: number;
  maxLength?: number;
  isRequired?: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line text input; the hint and the error are tied to it for screen readers. */
export function TextAreaField({
  label,
  description,
  errorMessage,
  value,
  onChange,
  onBlur,
  rows = 4,
  maxLength,
  isRequired,
  name,
  textareaRef,
}: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} description={description} errorMessage={errorMessage}>
      {(control) => (
        <textarea
          {...control}
          ref={textareaRef}
          name={name}
          className="field-input field-textarea"
          rows={rows}
          value={value}
          maxLength={maxLength}
          required={isRequired}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
    </FieldFrame>
  );
}

export interface SelectFieldProps extends FieldFrameProps {
  name?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  options: Array<{ value: string; label: string }>;
  /** A first, empty choice, e.g. "Not set". */
  placeholder?: string;
  selectRef?: Ref<HTMLSelectElement>;
}

/** A labelled native select: keyboard and screen-reader behaviour come with the platform. */
export function SelectField({
  label,
  description,
  errorMessage,
  value,
  onChange,
  onBlur,
  options,
  placeholder,
  name,
  selectRef,
}: SelectFieldProps) {
  return (
    <FieldFrame label={label} description={description} errorMessage={errorMessage}>
      {(control) => (
        <select
          {...control}
          ref={selectRef}
          name={name}
          className="field-input field-select"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export interface CheckboxFieldProps {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  disabled?: boolean;
}

/** A native checkbox with its label (and optional hint) beside it. */
export function CheckboxField({ label, description, checked, onChange, name, disabled }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        disabled={disabled}
        aria-describedby={description ? `${id}-description` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div>
        <label htmlFor={id} className="checkbox-label">
          {label}
        </label>
        {description && (
          <div id={`${id}-description`} className="field-description">
            {description}
          </div>
        )}
      </div>
    </div>
  );
}

export interface InputFieldProps extends FieldFrameProps {
  name?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  type?: "text" | "number" | "time" | "datetime-local" | "date" | "email" | "url" | "tel" | "search";
  min?: string | number;
  max?: string | number;
  step?: string | number;
  inputMode?: "numeric" | "text" | "email" | "tel" | "url" | "search";
  autoComplete?: string;
  isRequired?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled native input for the types React Aria's TextField does not cover (time, date, number). */
export function InputField({
  label,
  description,
  errorMessage,
  value,
  onChange,
  onBlur,
  type = "text",
  inputRef,
  isRequired,
  ...rest
}: InputFieldProps) {
  // A date input shows the day in the browser's own format; the chosen day is repeated in the app's format beside it.
  const day = type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDate(value) : null;
  return (
    <FieldFrame
      label={label}
      description={
        day ? (
          <>
            {description} <span className="field-date-echo">{day}</span>
          </>
        ) : (
          description
        )
      }
      errorMessage={errorMessage}
    >
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          type={type}
          className="field-input"
          value={value}
          required={isRequired}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}
