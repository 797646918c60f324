package io.flume.connectors;

import io.flume.runtime.app.RunnerContext;
import io.flume.runtime.app.RunnerExtension;
import io.flume.runtime.config.AppConfig;
import java.util.List;

/** Starts the connectors of an application's config with its {@link io.flume.runtime.app.StreamsRunner}. */
public final class ConnectorsExtension implements RunnerExtension {

    @Override
    public String name() {
        return "connectors";
    }

    @Override
    public List<String> problems(AppConfig config) {
        return Connectors.problems(config);
    }

    @Override
    public Connectors start(RunnerContext context) {
        return Connectors.start(context);
    }
}
