package io.flume.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates synthetic USGS features for the earthquakes example, each with a unique id (its
 * record key) and the topics of the example's config that must receive it. The kinds cover every
 * route of the schema: each severity band, notable and tsunami alerts, explosions, unclassified
 * events and a feature that fails validation. Some notifications succeed on their second attempt,
 * after one retry through the retry topic. Others fail all three and go to the dead-letter topic
 * after 2 s and 4 s of backoff.
 */
final class QuakeInputs {

    static final String MINOR = "earthquakes.minor";
    static final String MODERATE = "earthquakes.moderate";
    static final String MAJOR = "earthquakes.major";
    static final String NOTABLE = "earthquakes.notable";
    static final String TSUNAMI = "earthquakes.tsunami";
    static final String NOTIFIED = "earthquakes.notified";
    static final String OTHER_EVENTS = "earthquakes.other-events";
    static final String UNCLASSIFIED = "earthquakes.unclassified";
    static final String DEAD_LETTER = "quake.dead-letter";
    static final String SOURCE = "earthquakes";
    static final String RETRY_TOPIC = "quake-alerts.notify-retry.retry";

    /** Every topic that the example writes records to. */
    static final List<String> OUTPUT_TOPICS = List.of(MINOR, MODERATE, MAJOR, NOTABLE, TSUNAMI, NOTIFIED, OTHER_EVENTS,
            UNCLASSIFIED, DEAD_LETTER);

    /** One input record: its key and JSON value, and the topics that must receive the key. */
    record Input(String id, String json, List<String> topics) {
    }

    private QuakeInputs() {
    }

    /**
     * Returns {@code count} inputs of mixed kinds drawn from {@code random}. About one in
     * {@code retryEvery} is a notable quake whose notification fails once or three times.
     */
    static List<Input> generate(Random random, int count, String idPrefix, int retryEvery) {
        List<Input> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = String.format(Locale.ROOT, "%s-%06d", idPrefix, i);
            if (random.nextInt(retryEvery) == 0) {
                inputs.add(random.nextInt(4) == 0 ? exhausted(id) : retried(id));
                continue;
            }
            inputs.add(switch (random.nextInt(8)) {
                case 0, 1, 2 -> new Input(id, quake(id, 0.5 + random.nextInt(34) / 10.0, 0, 0), List.of(MINOR));
                case 3 -> new Input(id, quake(id, 4.0 + random.nextInt(5) / 10.0, 0, 0), List.of(MODERATE));
                case 4 -> new Input(id, quake(id, 4.5 + random.nextInt(15) / 10.0, 0, 0), List.of(MODERATE, NOTABLE, NOTIFIED));
                case 5 -> new Input(id, quake(id, 6.0 + random.nextInt(20) / 10.0, 1, 0),
                        List.of(MAJOR, NOTABLE, TSUNAMI, NOTIFIED));
                case 6 -> random.nextBoolean()
                        ? new Input(id, event(id, "explosion"), List.of(OTHER_EVENTS))
                        : new Input(id, event(id, "ice quake"), List.of(UNCLASSIFIED));
                default -> new Input(id, "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"mag\":null,"
                        + "\"type\":\"earthquake\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0,3.0]}}",
                        List.of(DEAD_LETTER));
            });
        }
        return inputs;
    }

    /** Returns a notable quake whose first notification fails, so it reaches the notified topic through one retry. */
    static Input retried(String id) {
        return new Input(id, quake(id, 5.0, 0, 1), List.of(MODERATE, NOTABLE, NOTIFIED));
    }

    /** Returns a notable quake whose three notifications fail, so it reaches the dead-letter topic after 2 s and 4 s of backoff. */
    static Input exhausted(String id) {
        return new Input(id, quake(id, 5.0, 0, 3), List.of(MODERATE, NOTABLE, DEAD_LETTER));
    }

    static String quake(String id, double magnitude, int tsunami, int failAttempts) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"mag\":" + magnitude
                + ",\"type\":\"earthquake\",\"tsunami\":" + tsunami + ",\"alert\":null,\"fail_attempts\":" + failAttempts
                + "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-117.5,35.7,8.2]}}";
    }

    private static String event(String id, String type) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"mag\":1.2,\"type\":\"" + type
                + "\",\"tsunami\":0,\"alert\":null},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-117.5,35.7,0.1]}}";
    }
}
