package dev.ashmem.stress.scenario;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One execution of a scenario on one fresh device: the target and the slots the actions write.
 * In a jcstress test it is the @State: actors write distinct slots, the arbiter reads them after
 * the actors are done.
 */
public final class Run implements AutoCloseable {
    private final Scenario scenario;
    private final Target target;
    private final Object[] slots;
    /** The pool that takes this run back after {@link #finish()}, or null. */
    private RunPool pool;
    /** The slots as the setup left them (what a reset run starts from). */
    private Object[] setupSlots;
    /** Set only by {@link #recordCalls()}; jcstress runs never set it. */
    private List<String> recorded;

    Run(Scenario scenario, Target target) {
        this.scenario = scenario;
        this.target = target;
        this.slots = new Object[scenario.slotNames().size()];
    }

    public Scenario scenario() {
        return scenario;
    }

    public Target target() {
        return target;
    }

    public AshmemDevice device() {
        return target.device();
    }

    public void put(String slot, Object value) {
        slots[scenario.slot(slot)] = value;
    }

    public Object get(String slot) {
        return slots[scenario.slot(slot)];
    }

    /** The result an action left in a slot. */
    public Result result(String slot) {
        return (Result) Objects.requireNonNull(get(slot), () -> "nothing in slot " + slot);
    }

    /**
     * One action of the scenario, whole, named as {@link Action#call()} names it: what a jcstress
     * test's actor methods call, so that each test shows its operations. Unknown names throw.
     */
    public void act(String call) {
        var action = scenario.action(call);
        if (recorded != null) {
            recorded.add(call);
            return;
        }
        action.whole().accept(this);
    }

    /**
     * From now on {@link #act} only records what it is asked to run (unit tests compare a test's
     * actor methods with its scenario this way, without running anything).
     */
    public List<String> recordCalls() {
        recorded = new ArrayList<>();
        return recorded;
    }

    /** jcstress actor {@code index}: every action of that actor, whole, in program order. */
    public void actor(int index) {
        for (var action : scenario.actors().get(index)) {
            action.whole().accept(this);
        }
    }

    /**
     * The arbiter: the final observation rendered as the outcome id; then the run goes back to its pool,
     * reset to the state after its setup, or, if it has none or cannot be reset, releases the device.
     */
    public String finish() {
        try {
            return scenario.outcome().apply(this);
        } finally {
            if (pool == null || !pool.giveBack(this)) {
                close();
            }
        }
    }

    /** From now on {@link #finish()} hands this run to {@code pool}; the slots now are the setup's. */
    void pooledIn(RunPool pool) {
        this.pool = pool;
        this.setupSlots = slots.clone();
    }

    /** The slots back to what the setup left (the device is reset by the pool). */
    void resetSlots() {
        System.arraycopy(setupSlots, 0, slots, 0, slots.length);
    }

    @Override
    public void close() {
        target.close();
    }
}
