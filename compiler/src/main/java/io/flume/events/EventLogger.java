package io.flume.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener that the runner adds to every application's registry: failures at WARN, the
 * schema and file lifecycle at INFO, component registrations and the start of each step at DEBUG.
 */
public final class EventLogger implements FlumeListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogger.class);

    @Override
    public void onEvent(FlumeEvent event) {
        if (event instanceof FlumeEvent.ValidationFailed e) {
            LOG.warn("Schema {} failed validation with {} errors in {} ms; first: {}",
                    e.schema(), e.errorCount(), e.duration().toMillis(), e.error());
        } else if (event instanceof FlumeEvent.BuildFailed e) {
            LOG.warn("Schema {} failed to compile after {} ms: {}", e.schema(), e.duration().toMillis(), e.error());
        } else if (event instanceof FlumeEvent.FileFailed e) {
            LOG.warn("Schema file {} could not be read: {}", e.path(), e.error());
        } else if (event instanceof FlumeEvent.ParseFailed e) {
            LOG.warn("Schema file {} could not be parsed: {}", e.path(), e.error());
        } else if (event instanceof FlumeEvent.SchemaRegistered e) {
            LOG.info("Schema {} registered as version {}", e.name(), e.version());
        } else if (event instanceof FlumeEvent.SchemaUpdated e) {
            LOG.info("Schema {} updated from version {} to {}", e.name(), e.oldVersion(), e.newVersion());
        } else if (event instanceof FlumeEvent.SchemaRemoved e) {
            LOG.info("Schema {} (version {}) removed", e.name(), e.version());
        } else if (event instanceof FlumeEvent.FileLoaded e) {
            LOG.info("Schema file {} loaded ({} bytes, {} ms)", e.path(), e.size(), e.duration().toMillis());
        } else if (event instanceof FlumeEvent.ValidationCompleted e) {
            LOG.info("Schema {} is valid ({} warnings, {} ms)", e.schema(), e.warningCount(), e.duration().toMillis());
        } else if (event instanceof FlumeEvent.BuildCompleted e) {
            LOG.info("Schema {} compiled in {} ms", e.schema(), e.duration().toMillis());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Flume event {}", event);
        }
    }
}
