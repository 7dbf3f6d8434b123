package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.range.Lru;
import org.junit.jupiter.api.Test;

/** The handle table's own guarantees, which races alone reach through the device. */
class HandleTableTest {
    private final Lru<Area> lru = new Lru<>();

    private Area newArea(int id) {
        return new Area(id, lru, Decisions.DRIVER);
    }

    @Test
    void aClosedTableMakesNoHandleAndTakesNoReference() {
        var table = new HandleTable();
        int fd = table.open(this::newArea);
        var area = table.acquire(fd);
        int refs = area.refs.get();
        assertThat(table.closeAll()).containsExactly(fd);
        assertThat(table.open(this::newArea)).isEqualTo(-1);
        assertThat(table.dup(area)).isEqualTo(-1);
        assertThat(area.refs.get()).isEqualTo(refs);
        assertThat(table.handles()).containsExactly(fd); // closeAll lists them; the caller closes them
    }

    @Test
    void anAreaWhoseLastReferenceWentIsNeverRevived() {
        // The moment between a racing close's last put and its removal from the slot: fget must fail.
        var table = new HandleTable();
        int fd = table.open(this::newArea);
        var area = table.peek(fd);
        area.refs.set(0);
        assertThat(table.acquire(fd)).isNull();
        assertThat(area.refs.get()).isZero();
    }

    @Test
    void handlesAtTheTablesEdgeAreUnknownNotOutOfBounds() {
        var table = new HandleTable();
        for (int fd = 0; fd <= 40; fd++) {
            assertThat(table.acquire(fd)).as("acquire %d", fd).isNull();
            assertThat(table.peek(fd)).as("peek %d", fd).isNull();
            assertThat(table.remove(fd)).as("remove %d", fd).isNull();
        }
    }
}
