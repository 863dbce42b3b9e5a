import { Max, Min } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { actorOf } from "./principal";
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from "./webhooks.types";

@ArgsType()
class WebhookDeliveriesArgs {
  @Field(() => ID)
  endpointId: string;

  @Field(() => Int, {
    defaultValue: PAGE_SIZES.webhookDeliveries.default,
    description: `Page size, 1–${PAGE_SIZES.webhookDeliveries.max}.`,
  })
  @Min(1)
  @Max(PAGE_SIZES.webhookDeliveries.max)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver()
export class WebhooksResolver {
  @Access("ADMIN", { scopes: ["webhooks:manage"] })
  @Query(() => [WebhookEndpoint], { description: "The institution's webhook endpoints. API keys need webhooks:manage." })
  webhookEndpoints(@Ctx() context: Context): Promise<WebhookEndpoint[]> {
    return context.services.integrations.webhooks.endpoints(actorOf(context));
  }

  @Access("ADMIN", { scopes: ["webhooks:manage"] })
  @Mutation(() => WebhookEndpointWithSecret, {
    description:
      "Register a URL for events. Returns the signing secret this once. WEBHOOK_URL_INVALID for a bad URL. API keys need webhooks:manage.",
  })
  createWebhookEndpoint(@Arg("input") input: CreateWebhookEndpointInput, @Ctx() context: Context): Promise<WebhookEndpointWithSecret> {
    return context.services.integrations.webhooks.createEndpoint(actorOf(context), input);
  }

  @Access("ADMIN", { scopes: ["webhooks:manage"] })
  @Mutation(() => WebhookEndpoint, {
    description: "Change an endpoint's URL, events or description, or pause it. API keys need webhooks:manage.",
  })
  updateWebhookEndpoint(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: UpdateWebhookEndpointInput,
    @Ctx() context: Context,
  ): Promise<WebhookEndpoint> {
    return context.services.integrations.webhooks.updateEndpoint(actorOf(context), id, input);
  }

  @Access("ADMIN", { scopes: ["webhooks:manage"] })
  @Mutation(() => Boolean, { description: "Remove an endpoint and its delivery log. API keys need webhooks:manage." })
  deleteWebhookEndpoint(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<boolean> {
    return context.services.integrations.webhooks.deleteEndpoint(actorOf(context), id);
  }

  @Access("ADMIN", { scopes: ["webhooks:manage"] })
  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's delivery log, newest first. API keys need webhooks:manage." })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Ctx() context: Context): Promise<WebhookDeliveryConnection> {
    return context.services.integrations.webhooks.deliveries(actorOf(context), args.endpointId, args.first, args.after ?? null);
  }

  @Access("ADMIN", { scopes: ["webhooks:manage"] })
  @Mutation(() => WebhookDelivery, {
    description: "Send a delivery's event again (a new delivery, same Infoview-Event-Id). API keys need webhooks:manage.",
  })
  replayWebhookDelivery(@Arg("deliveryId", () => ID) deliveryId: string, @Ctx() context: Context): Promise<WebhookDelivery> {
    return context.services.integrations.webhooks.replay(actorOf(context), deliveryId);
  }
}
