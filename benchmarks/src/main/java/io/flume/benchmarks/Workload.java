package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A pipeline the benchmarks run: its schema, components, input data and streams. */
public enum Workload {

    /** The earthquakes example: 1,707 USGS features, eight streams, a retry node. */
    EARTHQUAKES("demo/earthquakes/pipeline.yaml", new EarthquakeComponents(),
            List.of("quakes.minor", "quakes.moderate", "quakes.major", "quakes.notable", "quakes.tsunami",
                    "quakes.notified", "quakes.other-events", "quakes.unclassified")),

    /** The flight routing pipeline: a distance filter, then a switch on delay bands to three streams. */
    FLIGHTS("flights/pipeline.yaml", new FlightComponents(), FlightComponents.STREAMS);

    private final String schemaResource;
    private final ComponentLibrary library;
    private final List<String> streams;

    Workload(String schemaResource, ComponentLibrary library, List<String> streams) {
        this.schemaResource = schemaResource;
        this.library = library;
        this.streams = streams;
    }

    public String label() {
        return name().toLowerCase();
    }

    public List<String> streams() {
        return streams;
    }

    public Schema schema() {
        return SchemaParser.parse(schemaText(), schemaResource);
    }

    /** Returns the schema's YAML text. */
    public String schemaText() {
        try (InputStream in = Workload.class.getClassLoader().getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + schemaResource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Flume<ObjectNode> flume() {
        return (Flume<ObjectNode>) library.create();
    }

    /**
     * Returns {@code count} input records as JSON lines: the data set's records in file order,
     * repeated from the start when {@code count} is larger than the data set.
     */
    public List<String> inputs(int count) {
        return switch (this) {
            case EARTHQUAKES -> Datasets.repeat(Datasets.earthquakes(), count);
            case FLIGHTS -> Datasets.repeat(Datasets.flights(Math.min(count, 200_000)), count);
        };
    }
}
