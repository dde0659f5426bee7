package io.argus.cluster.bus;

/** One member of a consumer group; {@link #close} leaves the group (its share goes to the other members). */
public interface Subscription extends AutoCloseable {
    String group();

    Topic topic();

    @Override
    void close();
}
