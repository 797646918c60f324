package io.flume;

/** The kinds of component a schema can refer to by name. */
public enum ComponentKind {
    PROCESSOR("processor"),
    PREDICATE("predicate"),
    CONDITION("condition"),
    REDUCER("reducer"),
    ERROR_HANDLER("error handler"),
    CHANNEL("channel");

    private final String label;

    ComponentKind(String label) {
        this.label = label;
    }

    /** Returns the kind as messages name it, such as {@code error handler}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
