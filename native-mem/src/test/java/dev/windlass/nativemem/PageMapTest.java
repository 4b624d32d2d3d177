package dev.windlass.nativemem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** {@link PageMap} finds the pages of a private mapping that hold their own copy, and only those. */
class PageMapTest {

    private static final long PAGE = VirtualMemory.pageSize();

    @Test
    void findsTheWrittenPagesOfAnAnonymousMapping() {
        try (VirtualMemory memory = VirtualMemory.reserve(8 * PAGE)) {
            memory.protect(0, 8 * PAGE, Protection.READ_WRITE);
            assertThat(PageMap.privatePages(memory.address(), 8 * PAGE, 8)).isEmpty();
            memory.segment(0, 8 * PAGE).set(ValueLayout.JAVA_BYTE, PAGE + 5, (byte) 1);
            memory.segment(0, 8 * PAGE).set(ValueLayout.JAVA_BYTE, 6 * PAGE, (byte) 1);
            assertThat(PageMap.privatePages(memory.address(), 8 * PAGE, 8)).containsExactly(1, 6);
            assertThat(PageMap.privatePages(memory.address(), 8 * PAGE, 1)).as("more than the limit").isNull();
            memory.discard(0, 8 * PAGE);
            assertThat(PageMap.privatePages(memory.address(), 8 * PAGE, 8)).isEmpty();
        }
    }

    @Test
    void pagesReadFromAFileMappingAreSharedUntilWritten() {
        MemoryFile file = MemoryFile.create("pagemap-test", 4 * PAGE,
                contents -> contents.fill((byte) 9));
        try (VirtualMemory memory = VirtualMemory.reserve(4 * PAGE)) {
            memory.mapCopyOnWrite(0, 4 * PAGE, file);
            assertThat(memory.segment(0, 4 * PAGE).get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 9);
            memory.segment(0, 4 * PAGE).set(ValueLayout.JAVA_BYTE, 2 * PAGE, (byte) 1);
            assertThat(PageMap.privatePages(memory.address(), 4 * PAGE, 4)).containsExactly(2);
            memory.discard(0, 4 * PAGE); // the copy is dropped: the file shows again
            assertThat(memory.segment(0, 4 * PAGE).get(ValueLayout.JAVA_BYTE, 2 * PAGE)).isEqualTo((byte) 9);
            assertThat(PageMap.privatePages(memory.address(), 4 * PAGE, 4)).isEmpty();
        } finally {
            file.close();
        }
    }
}
