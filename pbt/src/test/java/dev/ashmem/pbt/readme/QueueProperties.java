package dev.ashmem.pbt.readme;

// The README's property-engine example, character for character from "import" to the closing brace
// (ReadmeExampleTest compares the two and runs it).
import dev.ashmem.pbt.*;
import dev.ashmem.pbt.junit.Cover;
import dev.ashmem.pbt.junit.Property;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;

class QueueProperties {
    static final class Buffers {                        // the implementation under test beside its model
        final ArrayBlockingQueue<Integer> impl = new ArrayBlockingQueue<>(4);
        final ArrayDeque<Integer> model = new ArrayDeque<>();
    }

    static final StateMachine<Buffers> BUFFER = StateMachine.of(Buffers::new)
            .action(Action.<Buffers>run("put", (s, step) -> {
                int x = step.drawInt(Gens.ints(0, 99));
                s.impl.add(x);
                s.model.addLast(x);
            }).when(s -> s.model.size() < 4))
            .action(Action.<Buffers>call("get", (s, step) -> {
                int got = s.impl.remove();
                step.checkEquals(s.model.removeFirst(), got, "get returns the oldest element");
                return got;
            }).when(s -> !s.model.isEmpty()))
            .invariant("never more than 4 elements", s -> s.impl.size() <= 4);

    @Property(tries = 300, maxSteps = 40)
    @Cover(value = {"action:put", "action:get"}, atLeast = 10)
    void bufferBehavesLikeAQueue(Ctx ctx) throws Throwable {
        BUFFER.run(ctx);
    }
}
