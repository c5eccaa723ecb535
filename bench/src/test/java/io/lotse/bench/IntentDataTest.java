package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import io.lotse.engine.text.LabelledText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentDataTest {

    @TempDir
    Path dir;

    @Test
    void banking77TextsMayHoldQuotedLineBreaks() throws IOException {
        Path file = Files.writeString(dir.resolve("train.csv"),
                "text,category\nI am still waiting on my card?,card_arrival\n\"Two\nlines, one text\",top_up_failed\n");

        assertThat(IntentData.banking77(file)).extracting(LabelledText::text, LabelledText::label).containsExactly(
                tuple("I am still waiting on my card?", "card_arrival"),
                tuple("Two\nlines, one text", "top_up_failed"));
    }

    @Test
    void clincListsByKey() throws IOException {
        Path file = Files.writeString(dir.resolve("clinc.json"), """
                {"train": [["how do i say hello in french", "translate"]], "oos_train": [["who won", "oos"]],
                 "val": [], "oos_val": []}""");

        Map<String, List<LabelledText>> lists = IntentData.clinc(file);

        assertThat(IntentData.join(lists, "train", "oos_train", "test")).extracting(LabelledText::label)
                .containsExactly("translate", "oos");
    }

    @Test
    void simulatedMessagesJoinTheirTruthAndFoldByFamily() throws IOException {
        Files.writeString(dir.resolve("messages.jsonl"), """
                {"id":"m1","channel":"chat","language":"de","from_email":"a@x.example","text":"Wo bleibt sie?"}
                {"id":"m2","channel":"chat","language":"en","from_email":"b@x.example","text":"Hiring?"}
                """);
        Files.createDirectories(dir.resolve("truth"));
        Files.writeString(dir.resolve("truth").resolve("intents.csv"), """
                message_id,person_id,intent,language,template_id,paraphrase_group,order_number,mentioned_emails,typos
                m1,P1,where_is_my_order,de,where_is_my_order.de.3.1,where_is_my_order.de.3,,,0
                m2,P2,out_of_scope,en,out_of_scope.en.5.1,out_of_scope.en.5,,,0
                """);

        List<IntentData.ShopMessage> messages = new ArrayList<>(IntentData.simulated(dir));

        assertThat(messages).extracting(m -> m.example().label(), IntentData.ShopMessage::language,
                m -> m.fold(3), IntentData.ShopMessage::fromEmail).containsExactly(
                tuple("where_is_my_order", "de", 2, "a@x.example"), tuple("out_of_scope", "en", 1, "b@x.example"));
    }

    @Test
    void seedExamplesAreIntentTabTextLinesAndABrokenLineIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("seed.tsv"), """
                # comment
                where_is_my_order\tWo bleibt mein Paket?

                unsubscribe\tBitte keinen Newsletter mehr.
                """);

        assertThat(IntentData.examples(file)).extracting(LabelledText::label, LabelledText::text).containsExactly(
                tuple("where_is_my_order", "Wo bleibt mein Paket?"),
                tuple("unsubscribe", "Bitte keinen Newsletter mehr."));

        Path broken = Files.writeString(dir.resolve("broken.tsv"), "where_is_my_order\tfine\nno tab here\n");
        assertThatIllegalArgumentException().isThrownBy(() -> IntentData.examples(broken))
                .withMessageContaining("line 2");
    }
}
