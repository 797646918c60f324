package io.flume.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("alerts", 1);

    private OffsetTracker tracker;

    @BeforeEach
    void assignTwoPartitions() {
        tracker = new OffsetTracker();
        tracker.assign(P0, 0);
        tracker.assign(P1, 0);
    }

    @Test
    void fifoTakesCommitEachTakenRecord() {
        offer(P0, 0, 1, 2);

        tracker.finished(P0, 0);
        tracker.finished(P0, 1);

        assertThat(tracker.committable(P0)).isEqualTo(2);
        assertThat(tracker.outstanding()).isEqualTo(1);
    }

    @Test
    void outOfOrderAcksCommitOnlyContiguousPrefix() {
        offer(P0, 0, 1, 2, 3, 4, 5);

        tracker.finished(P0, 0);
        tracker.finished(P0, 3);
        tracker.finished(P0, 5);
        assertThat(tracker.committable(P0)).isEqualTo(1);

        tracker.finished(P0, 1);
        assertThat(tracker.committable(P0)).isEqualTo(2);

        tracker.finished(P0, 2);
        assertThat(tracker.committable(P0)).as("3 was acknowledged before, 4 was not").isEqualTo(4);

        tracker.finished(P0, 4);
        assertThat(tracker.committable(P0)).isEqualTo(6);
        assertThat(tracker.outstanding()).isZero();
    }

    @Test
    void partitionsAreIndependent() {
        offer(P0, 0, 1);
        offer(P1, 0, 1);

        tracker.finished(P1, 0);
        tracker.finished(P1, 1);

        assertThat(tracker.uncommitted()).containsOnlyKeys(P1);
        assertThat(tracker.uncommitted().get(P1).offset()).isEqualTo(2);
    }

    @Test
    void disposedRecordWaitsForEarlierOutstanding() {
        offer(P0, 0, 1);
        tracker.disposed(P0, 2);
        assertThat(tracker.committable(P0)).isZero();

        tracker.finished(P0, 0);
        tracker.finished(P0, 1);

        assertThat(tracker.committable(P0)).isEqualTo(3);
    }

    @Test
    void disposedRecordCommitsAtOnceWhenNothingWaits() {
        tracker.disposed(P0, 0);

        assertThat(tracker.committable(P0)).isEqualTo(1);
    }

    @Test
    void finishBeforeOfferReturnsStillCommits() {
        tracker.offering(P0, 0);
        tracker.finished(P0, 0);
        tracker.offered(P0, 0);

        assertThat(tracker.committable(P0)).isEqualTo(1);
        assertThat(tracker.outstanding()).isZero();
    }

    @Test
    void withdrawnOfferIsNotCommitted() {
        offer(P0, 0);
        tracker.finished(P0, 0);
        tracker.offering(P0, 1);
        tracker.withdrawn(P0, 1);

        assertThat(tracker.committable(P0)).isEqualTo(1);
        assertThat(tracker.outstanding()).isZero();
    }

    @Test
    void nothingAtOrBelowAssignedPositionIsCommitted() {
        tracker.assign(P0, 10);
        tracker.finished(P0, 4);

        assertThat(tracker.uncommitted()).isEmpty();

        offer(P0, 10);
        tracker.finished(P0, 10);
        assertThat(tracker.uncommitted().get(P0).offset()).isEqualTo(11);
    }

    @Test
    void failedCommitIsReturnedAgain() {
        offer(P0, 0);
        tracker.finished(P0, 0);
        Map<TopicPartition, OffsetAndMetadata> first = tracker.uncommitted();

        tracker.committed(first);
        assertThat(tracker.uncommitted()).isEmpty();

        tracker.commitFailed(first);
        assertThat(tracker.uncommitted()).isEqualTo(first);
    }

    @Test
    void removedPartitionIgnoresLateFinishes() {
        offer(P0, 0);
        tracker.remove(P0);
        tracker.finished(P0, 0);

        assertThat(tracker.uncommitted()).doesNotContainKey(P0);
        assertThat(tracker.outstanding()).isZero();
    }

    private void offer(TopicPartition partition, long... offsets) {
        for (long offset : offsets) {
            tracker.offering(partition, offset);
            tracker.offered(partition, offset);
        }
    }
}
