package dev.ashmem.stress.scenario;

import dev.ashmem.stress.Devices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A race as data: a serial setup, two actors' operation lists, and the final observation rendered
 * as an outcome id. The jcstress test of the same name runs it on the implementation; the model
 * enumerator runs every serial order of its steps to derive the outcomes the test may accept.
 *
 * @param name    the simple name of the jcstress test that runs it
 * @param setup   serial setup on a fresh device
 * @param actors  the actors' actions, in program order
 * @param outcome the arbiter: observes the final state and renders the outcome id
 */
public record Scenario(String name, int pageSize, Consumer<Run> setup, List<List<Action>> actors,
                       Function<Run, String> outcome, Map<String, Integer> slotIndex) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(setup, "setup");
        actors = actors.stream().map(List::copyOf).toList();
        Objects.requireNonNull(outcome, "outcome");
        slotIndex = Map.copyOf(slotIndex);
    }

    /** The action an actor names by {@link Action#call()}. */
    Action action(String call) {
        return actors.stream().flatMap(List::stream).filter(a -> a.call().equals(call)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no action " + call));
    }

    public List<String> slotNames() {
        return List.copyOf(slotIndex.keySet());
    }

    int slot(String name) {
        var i = slotIndex.get(name);
        if (i == null) {
            throw new IllegalArgumentException(this.name + " has no slot " + name);
        }
        return i;
    }

    /**
     * A run on the device under test (the implementation, or the variant -Dashmem.stress.variant names),
     * set up: a pooled one reset to the state after the setup when one is idle, else a fresh one (see
     * {@link RunPool}).
     */
    public Run start() {
        var pool = RunPool.of(this);
        var run = pool.take();
        if (run != null) {
            return run;
        }
        run = start(new ImplTarget(Devices.create(pageSize)));
        pool.adopt(run);
        return run;
    }

    /** A fresh run on any target, set up. */
    public Run start(Target target) {
        var run = new Run(this, target);
        try {
            setup.accept(run);
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects a scenario; the slots are whatever the setup declares and the actions write. */
    public static final class Builder {
        private final String name;
        private int pageSize = 4096;
        private Consumer<Run> setup = r -> { };
        private final List<List<Action>> actors = new ArrayList<>();
        private final LinkedHashMap<String, Integer> slots = new LinkedHashMap<>();
        /** Which actor writes each slot (-1: the setup): two actors never write the same slot. */
        private final Map<String, Integer> writer = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** Serial setup; {@code slots} are the slots it fills for the actors (e.g. a punch left in flight). */
        public Builder setup(Consumer<Run> setup, String... slots) {
            this.setup = setup;
            for (var s : slots) {
                declare(s, -1);
            }
            return this;
        }

        public Builder actor(Action... actions) {
            for (var a : actions) {
                a.slots().forEach(s -> declare(s, actors.size()));
            }
            actors.add(List.of(actions));
            return this;
        }

        public Scenario outcome(Function<Run, String> outcome) {
            if (actors.size() != 2) {
                // jcstress schedules an actor per CPU; two actors run on the smallest CI machines.
                throw new IllegalStateException(name + ": scenarios have exactly two actors");
            }
            return new Scenario(name, pageSize, setup, actors, outcome, slots);
        }

        private void declare(String slot, int actor) {
            var previous = writer.putIfAbsent(slot, actor);
            if (previous != null && previous != actor) {
                throw new IllegalStateException(name + ": slot " + slot + " is written by two actors");
            }
            slots.putIfAbsent(slot, slots.size());
        }
    }
}
