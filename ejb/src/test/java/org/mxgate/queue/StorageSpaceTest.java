package org.mxgate.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StorageSpaceTest {

    private final AtomicLong free = new AtomicLong(10_000);
    /** 10,000 bytes free, 4,000 kept free: 6,000 for messages under way. */
    private final StorageSpace space = new StorageSpace(free::get, 4_000);

    @Test
    void messagesUnderWayShareWhatIsFreeBeyondTheMinimum() {
        StorageSpace.Reservation first = space.reserve(5_000).orElseThrow();
        assertThat(space.reserve(2_000)).as("fits alone, not beside the first").isEmpty();
        StorageSpace.Reservation second = space.reserve(1_000).orElseThrow();
        assertThat(space.isLow()).as("nothing left beyond the minimum, but not below it").isFalse();
        assertThat(space.hasRoomFor(1)).isFalse();
        first.close();
        first.close(); // twice gives back once
        assertThat(space.reserved()).isEqualTo(1_000);
        assertThat(space.reserve(5_000)).isPresent();
        second.close();
    }

    @Test
    void aReservationGrowsWithWhatItsMessageWritesWhileThereIsRoom() {
        StorageSpace.Reservation undeclared = space.reserve(0).orElseThrow();
        assertThat(undeclared.cover(3_000)).isTrue();
        assertThat(undeclared.cover(2_000)).as("already covered").isTrue();
        assertThat(space.reserved()).isEqualTo(3_000);
        StorageSpace.Reservation other = space.reserve(2_500).orElseThrow();
        assertThat(undeclared.cover(3_600)).as("only 500 left beside the other").isFalse();
        assertThat(undeclared.cover(3_500)).isTrue();
        other.close();
        undeclared.close();
        assertThat(space.reserved()).isZero();
        assertThat(undeclared.cover(1)).as("a closed reservation covers nothing").isFalse();
    }

    @Test
    void belowTheMinimumNothingIsReservedNotEvenWithoutASize() {
        free.set(3_000);
        assertThat(space.isLow()).isTrue();
        assertThat(space.reserve(0)).isEmpty();
    }
}
