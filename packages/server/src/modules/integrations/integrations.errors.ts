import { AppError } from "../../graphql/errors";

export const apiKeyNotFound = () => new AppError("NOT_FOUND", "No active API key with that id in this institution.");
export const webhookEndpointNotFound = () => new AppError("NOT_FOUND", "No webhook endpoint with that id in this institution.");
export const webhookDeliveryNotFound = () => new AppError("NOT_FOUND", "No webhook delivery with that id in this institution.");
export const bulkTooLarge = (max: number) =>
  new AppError("BULK_TOO_LARGE", `Send at most ${max} rows per call; split larger batches into pages.`, { maxRows: max });
export const webhookUrlInvalid = (message: string) => new AppError("WEBHOOK_URL_INVALID", message);
export const webhookUrlPrivate = (hostname: string, address: string) =>
  new AppError(
    "WEBHOOK_URL_PRIVATE",
    hostname.replace(/^\[|\]$/g, "") === address
      ? `${address} is a loopback, private or link-local address. Webhooks go to receivers on the public internet only.`
      : `${hostname} points to ${address}, a loopback, private or link-local address. Webhooks go to receivers on the public internet only.`,
    { address },
  );
export const csvInvalid = (message: string) => new AppError("CSV_INVALID", message);
