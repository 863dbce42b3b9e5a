import { useState } from "react";
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from "react-aria-components";
import { describeError } from "../../lib/errors";
import { Alert } from "../../ui/Alert";
import { institutionsOf, useViewer } from "../../lib/auth/viewer";
import { useSessionActions } from "../../lib/auth/use-session-actions";
import { t } from "../../i18n";

/** Lets a person who belongs to several institutions choose which one they act in. */
export function InstitutionSwitcher() {
  const viewer = useViewer();
  const { switchInstitution } = useSessionActions();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const institutions = institutionsOf(viewer);
  if (institutions.length < 2) return null;

  async function onChange(key: Key | null) {
    if (typeof key !== "string" || key === viewer.institutionId) return;
    setPending(true);
    setFailure(null);
    try {
      await switchInstitution(key);
    } catch (error) {
      setFailure((previous) => ({ message: describeError(error).message, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="switcher">
      <Select className="switcher-select" value={viewer.institutionId} onChange={onChange} isDisabled={pending}>
        <Label className="switcher-label">{t("app.institution.label")}</Label>
        <Button className="switcher-button">
          <SelectValue className="switcher-value" />
          <span aria-hidden="true" className="switcher-chevron">
            ▾
          </span>
        </Button>
        <Popover className="popover" placement="bottom end">
          <ListBox className="listbox" items={institutions}>
            {(item) => (
              <ListBoxItem id={item.id} className="listbox-item" textValue={item.name}>
                {item.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </Select>
      <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
    </div>
  );
}
