package io.flume;

import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.config.AppConfig;

/**
 * An application that runs on Kafka Streams, as a {@link ComponentLibrary#start} hook sees it:
 * its config, its component registry with the channels, and the runner.
 */
public interface RunningApplication {

    AppConfig config();

    /** Returns the component registry the application was compiled from, with its channels. */
    Flume<?> flume();

    /** Returns the runner, for the channels' stats and the Kafka Streams state. */
    StreamsRunner runner();
}
