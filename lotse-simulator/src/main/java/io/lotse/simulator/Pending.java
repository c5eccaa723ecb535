package io.lotse.simulator;

import io.lotse.simulator.service.MessageTemplates;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Things produced during a day that are put in time order, numbered and rendered when the day closes. */
final class Pending {

    private Pending() {}

    /** Time, then person, then the person's own sequence: a total order independent of processing order. */
    static final Comparator<Item> ORDER = Comparator.comparingLong(Item::millis).thenComparingInt(Item::person)
            .thenComparingInt(Item::sequence);

    interface Item {
        long millis();

        int person();

        int sequence();
    }

    /**
     * A Segment message.
     *
     * @param type        {@code track}, {@code page}, {@code screen} or {@code identify}
     * @param name        event name for track, page or screen name; empty for identify
     * @param body        properties, or traits for identify
     * @param context     the session's context (shared between the session's events; not modified)
     * @param page        {@code context.page} of this event, or null
     * @param campaign    {@code context.campaign} of this event, or null
     * @param order       the order whose number goes into {@code properties.order_id}, or null
     */
    record Event(long millis, int person, int sequence, String type, String name, String messageId,
            @Nullable String userId, @Nullable String anonymousId, ObjectNode body, ObjectNode context,
            @Nullable ObjectNode page, @Nullable ObjectNode campaign, @Nullable OrderDraft order) implements Item {

        /** This event as a Segment message. */
        ObjectNode toMessage() {
            ObjectNode message = JsonNodeFactory.instance.objectNode();
            message.put("type", type());
            message.put("messageId", messageId());
            if (anonymousId() != null) {
                message.put("anonymousId", anonymousId());
            }
            if (userId() != null) {
                message.put("userId", userId());
            }
            message.put("timestamp", Sessions.iso(millis()));
            OrderDraft draft = order();
            if (draft != null) {
                body().put("order_id", draft.number());
            }
            switch (type()) {
                case "identify" -> message.set("traits", body());
                case "track" -> {
                    message.put("event", name());
                    message.set("properties", body());
                }
                default -> {
                    message.put("name", name());
                    message.set("properties", body());
                }
            }
            ObjectNode messageContext = message.putObject("context");
            messageContext.setAll(context());
            if (page() != null) {
                messageContext.set("page", page());
            }
            if (campaign() != null) {
                messageContext.set("campaign", campaign());
            }
            return message;
        }
    }

    /**
     * A customer-service message whose text is rendered when its order has a number.
     *
     * @param renderSeed seed of the stream that picks alternatives and typos
     */
    record Message(long millis, int person, int sequence, Person sender, String id, String channel,
            String language, String fromEmail, String intent, MessageTemplates.Template template,
            @Nullable OrderDraft order, String product, @Nullable String newEmail, long renderSeed) implements Item {
    }

    /** An order. */
    record PlacedOrder(long millis, int person, int sequence, OrderDraft draft) implements Item {
    }

    /** A next-item truth sample. */
    record Sample(long millis, int person, int sequence, io.lotse.simulator.model.NextItemSample sample)
            implements Item {
    }
}
