import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
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
}
