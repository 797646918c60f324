package io.flume.diff;

/** The cost of replacing a running schema with another one, from the least to the most disruptive. */
public enum Verdict {
    /** The schemas compile to the same topology with the same parameters. */
    NONE("no difference"),
    /** Only parameters of running processors differ; they are swapped without a restart. */
    LIVE("live: parameters only, applied without a restart"),
    /** The topology differs, but every store and internal topic of the old one is kept: a restart applies it. */
    RESTART("restart: the topology changes, state is kept"),
    /** The new topology drops or renames stores or internal topics, whose data would be lost. */
    DROPS_STATE("would drop state: stores or internal topics of the running topology are dropped or renamed");

    private final String description;

    Verdict(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
