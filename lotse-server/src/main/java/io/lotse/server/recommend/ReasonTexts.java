package io.lotse.server.recommend;

import io.lotse.engine.recommend.Reason;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Renders the engine's reasons as sentences in English or German, naming products and categories. */
@Component
class ReasonTexts {

    private final MessageSource messages;

    ReasonTexts(MessageSource messages) {
        this.messages = messages;
    }

    RecommendationList.Reason render(Reason reason, ProductCatalogue catalogue, Locale locale) {
        String type = type(reason.kind());
        String productId = reason.item() >= 0 ? catalogue.id(reason.item()) : null;
        String productName = reason.item() >= 0 ? catalogue.name(reason.item()) : null;
        String category = reason.category() >= 0 ? catalogue.categoryName(reason.category()) : null;
        String subject = reason.item() >= 0 ? (productName != null ? productName : productId)
                : category != null ? category : "";
        String text = messages.getMessage("recommend.reason." + type, new Object[] {subject}, locale);
        return new RecommendationList.Reason(type, productId, productName, category, text);
    }

    static String type(Reason.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
