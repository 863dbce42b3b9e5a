import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { Button } from "../../../ui/Button";
import type { StatusAction } from "../people-status";
import { t } from "../../../i18n";

/** How many names the dialog lists before it says "and N more". */
const NAMES_SHOWN = 5;

interface Props {
  action: StatusAction;
  people: ReadonlyArray<{ membershipId: string; displayName: string }>;
  isOpen: boolean;
  working: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Says plainly what deactivating (or reactivating) does before it is done. */
export function ConfirmStatusDialog({ action, people, isOpen, working, onConfirm, onCancel }: Props) {
  const one = people.length === 1;
  const who = one ? people[0].displayName : t("admin.confirmStatusDialog.people", { count: people.length });
  const names = people
    .slice(0, NAMES_SHOWN)
    .map((p) => p.displayName)
    .join(", ");
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      isDismissable={!working}
      isKeyboardDismissDisabled={working}
      onOpenChange={(open) => !open && onCancel()}
    >
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title" className="dialog-title">
            {t("admin.confirmStatusDialog.title", { action, who })}
          </Heading>
          {!one && (
            <p>
              {people.length > NAMES_SHOWN
                ? t("admin.confirmStatusDialog.namesAndMore", { names, count: people.length - NAMES_SHOWN })
                : t("admin.confirmStatusDialog.names", { names })}
            </p>
          )}
          {action === "deactivate" ? (
            <ul>
              <li>{t("admin.confirmStatusDialog.theyCanNo")}</li>
              <li>{t("admin.confirmStatusDialog.theyLeaveThe")}</li>
              <li>{t("admin.confirmStatusDialog.theirOpenRequests")}</li>
              <li>{t("admin.confirmStatusDialog.nothingIsErased")}</li>
            </ul>
          ) : (
            <ul>
              <li>{t("admin.confirmStatusDialog.theyCanSign")}</li>
              <li>{t("admin.confirmStatusDialog.theyReturnTo")}</li>
              <li>{t("admin.confirmStatusDialog.requestsClosedWhen")}</li>
            </ul>
          )}
          <div className="actions">
            <Button
              onPress={onConfirm}
              busyLabel={
                working
                  ? action === "deactivate"
                    ? t("admin.confirmStatusDialog.deactivating")
                    : t("admin.confirmStatusDialog.reactivating")
                  : null
              }
            >
              {t("admin.confirmStatusDialog.confirm", { action, who })}
            </Button>
            <Button variant="secondary" autoFocus isDisabled={working} onPress={onCancel}>
              {t("admin.confirmStatusDialog.cancel")}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
