package io.flume;

import io.flume.api.Channel;
import io.flume.api.Cloner;
import io.flume.api.Condition;
import io.flume.api.ErrorHandler;
import io.flume.api.Predicate;
import io.flume.api.Processor;
import io.flume.api.Reducer;
import io.flume.compiler.CompileException;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.InlineCompiler;
import io.flume.compiler.TopologyCompiler;
import io.flume.events.FlumeEvent;
import io.flume.events.FlumeListener;
import io.flume.events.Listeners;
import io.flume.runtime.serde.Cloners;
import io.flume.schema.SchemaParseException;
import io.flume.schema.SchemaParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import io.flume.schema.Schema;
import io.flume.validation.ValidationException;
import io.flume.validation.ValidationReport;
import io.flume.validation.Validator;
import io.flume.runtime.serde.JsonSerde;
import io.flume.validation.ComponentCatalog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serde;

/**
 * The component registry: the processors, predicates, conditions, reducers, error handlers and
 * channels that schemas refer to by name, with the value type's serde and cloner.
 *
 * <pre>{@code
 * Flume<ObjectNode> flume = Flume.builder(ObjectNode.class)
 *         .processor("validate", (ctx, order) -> { ...; return order; })
 *         .predicate("is-premium", order -> "premium".equals(order.path("tier").asText()))
 *         .condition("priority-level", List.of("high", "low"),
 *                 order -> order.path("total").asDouble() > 1000 ? "high" : "low")
 *         .channel("orders", Channel.bounded(1000))
 *         .build();
 * }</pre>
 *
 * <p>Every kind has add, remove, has, list and get methods. Registration and removal are thread
 * safe and may happen while an application runs; a compiled topology keeps the components it was
 * compiled with.
 *
 * @param <T> the value type of the records the pipeline processes
 */
public final class Flume<T> implements ComponentCatalog {

    private final Class<T> valueType;
    private final Serde<T> valueSerde;
    private final Cloner<T> cloner;

    private final Map<String, Component<Processor<T>>> processors = new ConcurrentSkipListMap<>();
    private final Map<String, Component<Predicate<T>>> predicates = new ConcurrentSkipListMap<>();
    private final Map<String, Component<Condition<T>>> conditions = new ConcurrentSkipListMap<>();
    private final Map<String, Component<Reducer<T>>> reducers = new ConcurrentSkipListMap<>();
    private final Map<String, Component<ErrorHandler<T>>> errorHandlers = new ConcurrentSkipListMap<>();
    private final Map<String, Component<Channel<T>>> channels = new ConcurrentSkipListMap<>();
    private final Map<String, NamedSchema<T>> schemas = new ConcurrentSkipListMap<>();
    private final Listeners listeners = new Listeners();
    private final List<ChannelListener<T>> channelListeners = new CopyOnWriteArrayList<>();

    /**
     * Notified when a channel is added to or removed from a registry. Replacing a channel notifies
     * listeners of the removal first, then of the addition.
     *
     * @param <T> the registry's value type
     */
    public interface ChannelListener<T> {
        void channelAdded(String name, Channel<T> channel);

        void channelRemoved(String name, Channel<T> channel);
    }

    private Flume(Class<T> valueType, Serde<T> valueSerde, Cloner<T> cloner) {
        this.valueType = valueType;
        this.valueSerde = valueSerde;
        this.cloner = cloner;
    }

    /** Starts a registry for values of {@code valueType}, serialized as JSON unless {@link Builder#valueSerde} sets another serde. */
    public static <T> Builder<T> builder(Class<T> valueType) {
        return new Builder<>(valueType);
    }

    public Class<T> valueType() {
        return valueType;
    }

    public Serde<T> valueSerde() {
        return valueSerde;
    }

    /** Returns the cloner that nodes running children on copies use. */
    public Cloner<T> cloner() {
        return cloner;
    }

    // Validation and compilation

    /** Validates {@code schema} against this registry and returns every problem found. */
    public ValidationReport validate(Schema schema) {
        return validate(schema, this);
    }

    /**
     * Validates {@code schema} against {@code catalog} (this registry, or a view of it such as
     * the one an application config restricts to its declared streams), reporting the
     * validation events.
     */
    public ValidationReport validate(Schema schema, ComponentCatalog catalog) {
        return validate(schema.source(), schema, catalog);
    }

    private ValidationReport validate(String label, Schema schema, ComponentCatalog catalog) {
        emit(() -> new FlumeEvent.ValidationStarted(Instant.now(), label));
        long start = System.nanoTime();
        ValidationReport report = new Validator().validate(schema, catalog);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (report.isValid()) {
            emit(() -> new FlumeEvent.ValidationCompleted(Instant.now(), label, took, report.warnings().size()));
        } else {
            emit(() -> new FlumeEvent.ValidationFailed(Instant.now(), label, took, report.errors().size(),
                    report.errors().get(0).toString()));
        }
        return report;
    }

    private ValidationReport check(String label, Schema schema, ComponentCatalog catalog) {
        ValidationReport report = validate(label, schema, catalog);
        if (!report.isValid()) {
            throw new ValidationException(report);
        }
        return report;
    }

    /**
     * Validates and compiles {@code schema} into a Kafka Streams topology.
     *
     * @throws ValidationException when the schema has errors, listing all of them
     * @throws CompileException when the schema uses a node kind that cannot be compiled yet
     */
    public CompiledTopology<T> compile(Schema schema, CompileOptions options) {
        check(schema.source(), schema, this);
        return compileValidated(schema, options);
    }

    /** Validates and compiles {@code schema} with the default options (source topic {@code input}). */
    public CompiledTopology<T> compile(Schema schema) {
        return compile(schema, CompileOptions.defaults());
    }

    /**
     * Compiles a schema that {@link #validate} found valid, reporting the build events.
     *
     * @throws CompileException when the schema uses a node kind that cannot be compiled yet
     */
    public CompiledTopology<T> compileValidated(Schema schema, CompileOptions options) {
        return build(schema.source(), () -> TopologyCompiler.compile(schema, this, options));
    }

    /**
     * Validates {@code schema} and compiles it for in-process execution with
     * {@link Pipeline#process(Object)}.
     */
    public Pipeline<T> pipeline(Schema schema) {
        check(schema.source(), schema, this);
        return build(schema.source(), () -> InlineCompiler.compile(schema, this, CompileOptions.defaults()));
    }

    private <R> R build(String label, Supplier<R> compilation) {
        emit(() -> new FlumeEvent.BuildStarted(Instant.now(), label));
        long start = System.nanoTime();
        try {
            R result = compilation.get();
            emit(() -> new FlumeEvent.BuildCompleted(Instant.now(), label, Duration.ofNanos(System.nanoTime() - start)));
            return result;
        } catch (RuntimeException e) {
            emit(() -> new FlumeEvent.BuildFailed(Instant.now(), label, Duration.ofNanos(System.nanoTime() - start),
                    e.getMessage()));
            throw e;
        }
    }

    // Named schemas

    /**
     * Validates {@code schema}, compiles it for in-process execution and registers it under
     * {@code name}: as version 1 when the name is new, else as the next version, which every
     * {@link Binding} of the name uses from its next record on. A schema that fails validation
     * or compilation leaves the registered version in place.
     *
     * @return the registered version
     * @throws ValidationException when the schema has errors
     */
    public NamedSchema<T> setSchema(String name, Schema schema) {
        checkName(name);
        check(name, schema, this);
        Pipeline<T> pipeline = build(name, () -> InlineCompiler.compile(schema, this, CompileOptions.defaults()));
        NamedSchema<T> previous;
        NamedSchema<T> registered;
        synchronized (schemas) {
            previous = schemas.get(name);
            registered = new NamedSchema<>(name, previous == null ? 1 : previous.version() + 1, schema, pipeline);
            schemas.put(name, registered);
        }
        if (previous == null) {
            emit(() -> new FlumeEvent.SchemaRegistered(Instant.now(), name, registered.version()));
        } else {
            emit(() -> new FlumeEvent.SchemaUpdated(Instant.now(), name, previous.version(), registered.version()));
        }
        return registered;
    }

    /**
     * Reads, validates and registers the schema in {@code file} under {@code name}, reporting the
     * file events.
     *
     * @throws IOException when the file cannot be read
     * @throws SchemaParseException when it is not a schema document
     * @throws ValidationException when the schema has errors
     */
    public NamedSchema<T> loadSchema(String name, Path file) throws IOException {
        return setSchema(name, parseSchema(file));
    }

    /**
     * Reads and parses a schema file, reporting {@link FlumeEvent.FileLoaded},
     * {@link FlumeEvent.FileFailed} or {@link FlumeEvent.ParseFailed}.
     */
    public Schema parseSchema(Path file) throws IOException {
        long start = System.nanoTime();
        String path = file.toString();
        try {
            long size = Files.size(file);
            Schema schema = SchemaParser.parse(file);
            emit(() -> new FlumeEvent.FileLoaded(Instant.now(), path, size, Duration.ofNanos(System.nanoTime() - start)));
            return schema;
        } catch (IOException e) {
            emit(() -> new FlumeEvent.FileFailed(Instant.now(), path, e.toString()));
            throw e;
        } catch (SchemaParseException e) {
            emit(() -> new FlumeEvent.ParseFailed(Instant.now(), path, e.getMessage()));
            throw e;
        }
    }

    public Optional<NamedSchema<T>> getSchema(String name) {
        return Optional.ofNullable(schemas.get(name));
    }

    /** Removes a named schema; its bindings fail from their next record on. */
    public boolean removeSchema(String name) {
        NamedSchema<T> removed = schemas.remove(name);
        if (removed == null) {
            return false;
        }
        emit(() -> new FlumeEvent.SchemaRemoved(Instant.now(), name, removed.version()));
        return true;
    }

    /** Returns the names of the registered schemas in alphabetical order. */
    public List<String> listSchemas() {
        return List.copyOf(schemas.keySet());
    }

    /**
     * Returns a binding that runs whatever version of the named schema is registered when each
     * record arrives. The schema need not be registered yet.
     */
    public Binding<T> bind(String schemaName) {
        return new Binding<>(checkName(schemaName), schemas::get);
    }

    // Events

    /** Adds a listener for this registry's {@link FlumeEvent}s. */
    public Flume<T> addListener(FlumeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public boolean removeListener(FlumeListener listener) {
        return listeners.remove(listener);
    }

    /** Returns how many times a listener threw; each time was logged and the event still reached the other listeners. */
    public long listenerFailures() {
        return listeners.failures();
    }

    private void emit(Supplier<FlumeEvent> event) {
        if (listeners.any()) {
            listeners.emit(event.get());
        }
    }

    private <C> void register(Map<String, C> components, ComponentKind kind, String name, C component) {
        components.put(checkName(name), component);
        emit(() -> new FlumeEvent.ComponentRegistered(Instant.now(), kind, name));
    }

    private boolean unregister(Map<String, ?> components, ComponentKind kind, String name) {
        if (components.remove(name) == null) {
            return false;
        }
        emit(() -> new FlumeEvent.ComponentRemoved(Instant.now(), kind, name));
        return true;
    }

    // Processors

    public Flume<T> addProcessor(String name, Processor<T> processor) {
        return addProcessor(name, "", processor);
    }

    public Flume<T> addProcessor(String name, String description, Processor<T> processor) {
        register(processors, ComponentKind.PROCESSOR, name, new Component<>(name, description, List.of(), processor));
        return this;
    }

    public boolean removeProcessor(String name) {
        return unregister(processors, ComponentKind.PROCESSOR, name);
    }

    public boolean hasProcessor(String name) {
        return processors.containsKey(name);
    }

    /** Returns the registered processor names in alphabetical order. */
    public List<String> listProcessors() {
        return List.copyOf(processors.keySet());
    }

    public Optional<Component<Processor<T>>> getProcessor(String name) {
        return Optional.ofNullable(processors.get(name));
    }

    // Predicates

    public Flume<T> addPredicate(String name, Predicate<T> predicate) {
        return addPredicate(name, "", predicate);
    }

    public Flume<T> addPredicate(String name, String description, Predicate<T> predicate) {
        register(predicates, ComponentKind.PREDICATE, name, new Component<>(name, description, List.of(), predicate));
        return this;
    }

    public boolean removePredicate(String name) {
        return unregister(predicates, ComponentKind.PREDICATE, name);
    }

    public boolean hasPredicate(String name) {
        return predicates.containsKey(name);
    }

    public List<String> listPredicates() {
        return List.copyOf(predicates.keySet());
    }

    public Optional<Component<Predicate<T>>> getPredicate(String name) {
        return Optional.ofNullable(predicates.get(name));
    }

    // Conditions

    public Flume<T> addCondition(String name, Condition<T> condition) {
        return addCondition(name, "", List.of(), condition);
    }

    /**
     * Registers a condition with the values it can return. Validation warns about a switch route
     * whose key is not one of them.
     */
    public Flume<T> addCondition(String name, String description, List<String> values, Condition<T> condition) {
        register(conditions, ComponentKind.CONDITION, name, new Component<>(name, description, values, condition));
        return this;
    }

    public boolean removeCondition(String name) {
        return unregister(conditions, ComponentKind.CONDITION, name);
    }

    public boolean hasCondition(String name) {
        return conditions.containsKey(name);
    }

    public List<String> listConditions() {
        return List.copyOf(conditions.keySet());
    }

    public Optional<Component<Condition<T>>> getCondition(String name) {
        return Optional.ofNullable(conditions.get(name));
    }

    // Reducers

    public Flume<T> addReducer(String name, Reducer<T> reducer) {
        return addReducer(name, "", reducer);
    }

    public Flume<T> addReducer(String name, String description, Reducer<T> reducer) {
        register(reducers, ComponentKind.REDUCER, name, new Component<>(name, description, List.of(), reducer));
        return this;
    }

    public boolean removeReducer(String name) {
        return unregister(reducers, ComponentKind.REDUCER, name);
    }

    public boolean hasReducer(String name) {
        return reducers.containsKey(name);
    }

    public List<String> listReducers() {
        return List.copyOf(reducers.keySet());
    }

    public Optional<Component<Reducer<T>>> getReducer(String name) {
        return Optional.ofNullable(reducers.get(name));
    }

    // Error handlers

    public Flume<T> addErrorHandler(String name, ErrorHandler<T> handler) {
        return addErrorHandler(name, "", handler);
    }

    public Flume<T> addErrorHandler(String name, String description, ErrorHandler<T> handler) {
        register(errorHandlers, ComponentKind.ERROR_HANDLER, name, new Component<>(name, description, List.of(), handler));
        return this;
    }

    public boolean removeErrorHandler(String name) {
        return unregister(errorHandlers, ComponentKind.ERROR_HANDLER, name);
    }

    public boolean hasErrorHandler(String name) {
        return errorHandlers.containsKey(name);
    }

    public List<String> listErrorHandlers() {
        return List.copyOf(errorHandlers.keySet());
    }

    public Optional<Component<ErrorHandler<T>>> getErrorHandler(String name) {
        return Optional.ofNullable(errorHandlers.get(name));
    }

    // Channels

    public Flume<T> addChannel(String name, Channel<T> channel) {
        return addChannel(name, "", channel);
    }

    /**
     * Registers {@code channel} under {@code name}, replacing a channel of that name. While an
     * application runs, its {@linkplain #addChannelListener channel listeners} are notified: a running
     * {@code FlumeApplication} bridges a bounded channel whose stream the running topology sends
     * to a topic, and closes the bridge of the channel replaced.
     */
    public Flume<T> addChannel(String name, String description, Channel<T> channel) {
        Objects.requireNonNull(channel, "channel");
        Component<Channel<T>> replaced = channels.get(name);
        register(channels, ComponentKind.CHANNEL, name, new Component<>(name, description, List.of(), channel));
        if (replaced != null) {
            channelListeners.forEach(listener -> listener.channelRemoved(name, replaced.implementation()));
        }
        channelListeners.forEach(listener -> listener.channelAdded(name, channel));
        return this;
    }

    /**
     * Removes the channel {@code name}. While an application runs, the channel's bridge stops
     * fetching, the application gets the shutdown grace period to drain it, and the bridge commits
     * what was finished; this call blocks until then.
     */
    public boolean removeChannel(String name) {
        Component<Channel<T>> removed = channels.get(name);
        if (removed == null || !unregister(channels, ComponentKind.CHANNEL, name)) {
            return false;
        }
        channelListeners.forEach(listener -> listener.channelRemoved(name, removed.implementation()));
        return true;
    }

    /**
     * Adds a listener that is notified of every channel added or removed from now on, on the thread
     * that adds or removes it. An exception the listener throws reaches that caller, after the
     * registry has changed.
     */
    public void addChannelListener(ChannelListener<T> listener) {
        channelListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeChannelListener(ChannelListener<T> listener) {
        channelListeners.remove(listener);
    }

    public boolean hasChannel(String name) {
        return channels.containsKey(name);
    }

    public List<String> listChannels() {
        return List.copyOf(channels.keySet());
    }

    public Optional<Channel<T>> getChannel(String name) {
        return Optional.ofNullable(channels.get(name)).map(Component::implementation);
    }

    public Optional<Component<Channel<T>>> getChannelComponent(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    // ComponentCatalog, for validation

    @Override
    public Set<String> processorNames() {
        return new TreeSet<>(processors.keySet());
    }

    @Override
    public Set<String> predicateNames() {
        return new TreeSet<>(predicates.keySet());
    }

    @Override
    public Set<String> conditionNames() {
        return new TreeSet<>(conditions.keySet());
    }

    @Override
    public List<String> conditionValues(String condition) {
        Component<Condition<T>> component = conditions.get(condition);
        return component == null ? List.of() : component.values();
    }

    @Override
    public Set<String> reducerNames() {
        return new TreeSet<>(reducers.keySet());
    }

    @Override
    public Set<String> errorHandlerNames() {
        return new TreeSet<>(errorHandlers.keySet());
    }

    @Override
    public Set<String> channelNames() {
        return new TreeSet<>(channels.keySet());
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("component name must not be blank");
        }
        return name;
    }

    /** Collects components and settings, then {@link #build()}s the registry. */
    public static final class Builder<T> {
        private final Class<T> valueType;
        private Serde<T> valueSerde;
        private Cloner<T> cloner;
        private final java.util.List<java.util.function.Consumer<Flume<T>>> registrations = new java.util.ArrayList<>();
        private final java.util.List<FlumeListener> listeners = new java.util.ArrayList<>();

        private Builder(Class<T> valueType) {
            this.valueType = Objects.requireNonNull(valueType, "valueType");
        }

        /** Sets the serde of record values; JSON through Jackson by default. */
        public Builder<T> valueSerde(Serde<T> serde) {
            this.valueSerde = Objects.requireNonNull(serde, "serde");
            return this;
        }

        /** Sets how values are copied; by default Jackson trees are deep-copied and other types go through the serde. */
        public Builder<T> cloner(Cloner<T> cloner) {
            this.cloner = Objects.requireNonNull(cloner, "cloner");
            return this;
        }

        /** Declares the values immutable, so that nodes running children on copies share them. */
        public Builder<T> immutableValues() {
            this.cloner = Cloner.immutable();
            return this;
        }

        /** Adds a listener before the components are registered, so that it receives their registration events too. */
        public Builder<T> listener(FlumeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder<T> processor(String name, Processor<T> processor) {
            registrations.add(flume -> flume.addProcessor(name, processor));
            return this;
        }

        public Builder<T> processor(String name, String description, Processor<T> processor) {
            registrations.add(flume -> flume.addProcessor(name, description, processor));
            return this;
        }

        public Builder<T> predicate(String name, Predicate<T> predicate) {
            registrations.add(flume -> flume.addPredicate(name, predicate));
            return this;
        }

        public Builder<T> predicate(String name, String description, Predicate<T> predicate) {
            registrations.add(flume -> flume.addPredicate(name, description, predicate));
            return this;
        }

        public Builder<T> condition(String name, Condition<T> condition) {
            registrations.add(flume -> flume.addCondition(name, condition));
            return this;
        }

        public Builder<T> condition(String name, List<String> values, Condition<T> condition) {
            registrations.add(flume -> flume.addCondition(name, "", values, condition));
            return this;
        }

        public Builder<T> condition(String name, String description, List<String> values, Condition<T> condition) {
            registrations.add(flume -> flume.addCondition(name, description, values, condition));
            return this;
        }

        public Builder<T> reducer(String name, Reducer<T> reducer) {
            registrations.add(flume -> flume.addReducer(name, reducer));
            return this;
        }

        public Builder<T> reducer(String name, String description, Reducer<T> reducer) {
            registrations.add(flume -> flume.addReducer(name, description, reducer));
            return this;
        }

        public Builder<T> errorHandler(String name, ErrorHandler<T> handler) {
            registrations.add(flume -> flume.addErrorHandler(name, handler));
            return this;
        }

        public Builder<T> errorHandler(String name, String description, ErrorHandler<T> handler) {
            registrations.add(flume -> flume.addErrorHandler(name, description, handler));
            return this;
        }

        public Builder<T> channel(String name, Channel<T> channel) {
            registrations.add(flume -> flume.addChannel(name, channel));
            return this;
        }

        public Builder<T> channel(String name, String description, Channel<T> channel) {
            registrations.add(flume -> flume.addChannel(name, description, channel));
            return this;
        }

        public Flume<T> build() {
            Serde<T> serde = valueSerde != null ? valueSerde : new JsonSerde<>(valueType);
            Cloner<T> copier = cloner != null ? cloner : Cloners.defaultFor(valueType, serde);
            Flume<T> flume = new Flume<>(valueType, serde, copier);
            listeners.forEach(flume::addListener);
            registrations.forEach(registration -> registration.accept(flume));
            return flume;
        }
    }
}
