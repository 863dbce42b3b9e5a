import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { unauthenticated } from "../../graphql/errors";
import { actorOf } from "./audit-log";
import { AuditLogArgs, AuditLogConnection, AuditLogFilter } from "./audit.types";

function institutionOf(context: Context): string {
  const id = context.apiKey?.institutionId ?? context.viewer?.institutionId;
  if (!id) throw unauthenticated();
  return id;
}

@Resolver()
export class AuditResolver {
  @Access("ADMIN", { scopes: ["audit:read"] })
  @Query(() => AuditLogConnection, {
    description:
      "The institution's audit log, newest first: who did what, to whom, when, from which request and address (admins, or API keys with audit:read). Filters combine with AND.",
  })
  auditLog(@Args() { filter, first, after }: AuditLogArgs, @Ctx() context: Context): Promise<AuditLogConnection> {
    return context.services.audit.page(institutionOf(context), filter, first, after);
  }

  @Access("ADMIN", { scopes: ["audit:read"] })
  @Query(() => String, {
    description:
      "The audit log entries the filter selects as CSV (RFC 4180, up to 10,000 rows, newest first; admins, or API keys with audit:read). The download is itself recorded (audit_log.exported).",
  })
  auditLogCsv(
    @Arg("filter", () => AuditLogFilter, { nullable: true }) filter: AuditLogFilter | null,
    @Ctx() context: Context,
  ): Promise<string> {
    return context.services.audit.csv(institutionOf(context), actorOf(context), filter);
  }
}
