import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver } from "type-graphql";
import { unauthenticated } from "../../graphql/errors";
import { Me } from "../accounts";
import { ConsentRecordConnection, ConsentRecordsArgs, ConsentVersionCount } from "./consent-records.types";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { ConsentKind } from "./consent-kind.enum";
import { ConsentText } from "./consent-text.entity";
import { Consent } from "./consent.entity";
import { PublishConsentTextArgs } from "./consent.inputs";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class ConsentResolver {
  @Access("SIGNED_IN")
  @Query(() => [ConsentText], {
    description:
      "The latest text of each consent the viewer may give: alumni kinds for alumni, student kinds for students, every kind for advisors and admins. Kinds with no published text are left out.",
  })
  consentTexts(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<ConsentText[]> {
    return services.consent.latestTexts(viewer);
  }

  @Access("SIGNED_IN")
  @Query(() => [Consent], {
    description:
      "Every consent the viewer has given in this institution, newest first, active or not, with the text version each was given against.",
  })
  myConsents(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Consent[]> {
    return services.consent.myConsents(viewer);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => Consent, {
    description:
      "Agree to the latest published text of a consent. Students give STUDENT_ kinds, alumni ALUMNUS_ kinds (FORBIDDEN otherwise); CONSENT_TEXT_MISSING when no text is published. Giving it again while it is active changes nothing, unless a newer text was published since: then the newer version is agreed to and the older agreement closed.",
  })
  giveConsent(
    @Arg("kind", () => ConsentKind) kind: ConsentKind,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Consent> {
    return services.consent.give(viewer, kind);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => Consent, {
    nullable: true,
    description:
      "Withdraw a consent. It takes effect at once: e.g. an alum who withdraws ALUMNUS_LISTED leaves the directory immediately. Returns the withdrawn consent, or null when none was active.",
  })
  withdrawConsent(
    @Arg("kind", () => ConsentKind) kind: ConsentKind,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Consent | null> {
    return services.consent.withdraw(viewer, kind);
  }

  @Access("ADMIN")
  @Mutation(() => ConsentText, {
    description:
      "Publish a new version of a consent text (admins only). Its version is one more than the latest; consents already given stay tied to the version they were given against.",
  })
  publishConsentText(
    @Args() args: PublishConsentTextArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ConsentText> {
    return services.consent.publishText(viewer, args);
  }

  @Access("ADMIN", { scopes: ["consents:read"] })
  @Query(() => ConsentRecordConnection, {
    description:
      "The institution's consent records of one kind (admins, or API keys with consents:read): who holds it, at which text version and since when (ACTIVE), who withdrew it (WITHDRAWN), or every agreement (ALL); the most recent change first.",
  })
  consentRecords(@Args() args: ConsentRecordsArgs, @Ctx() context: Context): Promise<ConsentRecordConnection> {
    return context.services.consent.records(institutionOf(context), args);
  }

  @Access("ADMIN", { scopes: ["consents:read"] })
  @Query(() => [ConsentVersionCount], {
    description:
      "For each published text version (of one kind, or of all): how many agreements are held, in force, replaced and withdrawn (admins, or API keys with consents:read).",
  })
  consentVersionCounts(
    @Arg("kind", () => ConsentKind, { nullable: true }) kind: ConsentKind | null,
    @Ctx() context: Context,
  ): Promise<ConsentVersionCount[]> {
    return context.services.consent.versionCounts(institutionOf(context), kind ?? null);
  }
}

function institutionOf(context: Context): string {
  const id = context.apiKey?.institutionId ?? context.viewer?.institutionId;
  if (!id) throw unauthenticated();
  return id;
}

@Resolver(() => Me)
export class ConsentReviewResolver {
  @Access("SIGNED_IN")
  @FieldResolver(() => [ConsentText], {
    description:
      "Consent texts published since the viewer agreed to an earlier version, to review now: agree again (giveConsent) or withdraw. Until then the institution's consentReviewPolicy decides whether the older agreement applies.",
  })
  consentsToReview(@Ctx() { services, viewer }: Context): Promise<ConsentText[]> {
    return services.consent.toReview(viewer as Viewer);
  }
}
