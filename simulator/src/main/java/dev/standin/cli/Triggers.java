package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ctl trigger <provider> <event> ...}: the failures and events QA sets off by hand, each
 * through the control API (an inspection endpoint, or a one-shot scenario rule).
 */
final class Triggers {
    private final ControlClient client;
    private final PrintStream out;

    Triggers(ControlClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    int trigger(List<String> args) throws Ctl.Usage, ControlClient.Refused, ControlClient.Unreachable {
        if (args.size() < 2) {
            throw new Ctl.Usage("trigger needs a provider and an event, e.g. trigger velo payment-fail PAYMENT_ID");
        }
        String what = args.removeFirst() + " " + args.removeFirst();
        return switch (what) {
            case "velo payment-fail" -> {
                String reason = Ctl.option(args, "--reason", null);
                String payment = Ctl.one(args, "a payment id");
                JsonNode answer = client.post(client.path("/velo/payments/" + payment + "/fail"),
                        reason == null ? "{}" : "{\"reason\":" + Ctl.quoted(reason) + "}", "application/json");
                out.println("payment " + answer.path("paymentId").asText() + " " + answer.path("status").asText());
                yield Ctl.OK;
            }
            case "terminal decline-next" -> declineNext(args);
            case "qolo authorization" -> {
                String merchant = Ctl.option(args, "--merchant", "Standin CLI");
                if (args.size() != 2) {
                    throw new Ctl.Usage("trigger qolo authorization CARD_PROXY AMOUNT [--merchant NAME]");
                }
                JsonNode auth = client.post(client.path("/qolo/cards/" + args.get(0) + "/authorizations"),
                        "{\"amount\":" + Ctl.quoted(args.get(1)) + ",\"merchant_name\":" + Ctl.quoted(merchant) + "}", "application/json");
                out.println("authorization " + auth.path("auth_guid").asText() + " " + auth.path("status").asText()
                        + (auth.has("decline_reason") ? " (" + auth.path("decline_reason").asText() + ")" : ""));
                yield Ctl.OK;
            }
            case "webhook redeliver" -> {
                JsonNode d = client.post(client.path("/webhooks/" + Ctl.one(args, "a delivery id") + "/redeliver"), null, null);
                out.println("delivery #" + d.path("id").asText() + " " + d.path("state").asText());
                yield Ctl.OK;
            }
            case "hold release" -> {
                client.post(client.path("/holds/" + Ctl.one(args, "a hold id") + "/release"), null, null);
                out.println("released");
                yield Ctl.OK;
            }
            default -> throw new Ctl.Usage("no trigger '" + what + "'");
        };
    }

    /** A one-shot rule: the terminal's next payment is declined through the real payment flow, then the rule is spent. */
    private int declineNext(List<String> args) throws Ctl.Usage, ControlClient.Refused, ControlClient.Unreachable {
        String reason = Ctl.option(args, "--reason", "doNotHonor");
        String terminal = args.isEmpty() ? "terminal-1" : Ctl.one(args, "a terminal id");
        if (!terminal.matches("[A-Za-z0-9_-]{1,64}") || !reason.matches("[A-Za-z]{1,40}")) {
            throw new Ctl.Usage("a terminal id and a reason are letters, digits, - and _");
        }
        String name = "ctl-decline-next-" + terminal.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        try {
            client.delete(client.path("/scenarios/" + name)); // a spent one from before
        } catch (ControlClient.Refused notLoaded) {
            // none was loaded
        }
        client.post(client.path("/scenarios"), """
                version: 1
                name: %s
                description: the next payment at %s is declined (%s), once (standin ctl trigger)
                rules:
                  - name: decline-next
                    match: {provider: terminals, event: payment.process, entity: {terminalId: %s}}
                    effect: {outcome: {type: decline, reason: %s}}
                    times: {first: 1}
                """.formatted(name, terminal, reason, terminal, reason), "application/yaml");
        out.println("the next payment at " + terminal + " will be declined (" + reason + "); scenario " + name);
        return Ctl.OK;
    }
}
