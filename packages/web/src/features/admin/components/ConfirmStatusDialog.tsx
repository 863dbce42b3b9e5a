import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { Button } from "../../../ui/Button";
import type { StatusAction } from "../people-status";

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
  const who = one ? people[0].displayName : `${people.length} people`;
  const verb = action === "deactivate" ? "Deactivate" : "Reactivate";
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
            {verb} {who}?
          </Heading>
          {!one && (
            <p>
              {people
                .slice(0, NAMES_SHOWN)
                .map((p) => p.displayName)
                .join(", ")}
              {people.length > NAMES_SHOWN ? ` and ${people.length - NAMES_SHOWN} more` : ""}.
            </p>
          )}
          {action === "deactivate" ? (
            <ul>
              <li>They can no longer sign in. Anyone signed in now is signed out at once.</li>
              <li>They leave the alumni directory and matching.</li>
              <li>Their open requests are closed, and the other person in each is told.</li>
              <li>Nothing is erased: profiles, conversations and history stay. You can reactivate them at any time.</li>
            </ul>
          ) : (
            <ul>
              <li>They can sign in again.</li>
              <li>They return to the directory and matching as their own consents allow.</li>
              <li>Requests closed when they were deactivated stay closed.</li>
            </ul>
          )}
          <div className="actions">
            <Button onPress={onConfirm} busyLabel={working ? (action === "deactivate" ? "Deactivating…" : "Reactivating…") : null}>
              {verb} {who}
            </Button>
            <Button variant="secondary" autoFocus isDisabled={working} onPress={onCancel}>
              Cancel
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
