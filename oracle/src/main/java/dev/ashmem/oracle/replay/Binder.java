package dev.ashmem.oracle.replay;

import dev.ashmem.trace.Name;
import dev.ashmem.trace.NameMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trace names of one kind (handles or mappings) bound to the model's numbers. A name is bound when an
 * open, dup or mmap returns it and unbound when its close or munmap succeeds; an unbound name stands for
 * a number the model never handed out, so it gets EBADF, EINVAL, ENOMEM or SIGSEGV as the spec says.
 * In {@link NameMode#EXACT} a numeric name is its own number whether bound or not.
 */
final class Binder {
    /** Never a live handle or mapping of the model. */
    static final int INVALID = -1;

    private final NameMode mode;
    private final LinkedHashMap<String, Integer> idByKey;
    private final Map<Integer, Name> nameById;

    Binder(NameMode mode) {
        this(mode, new LinkedHashMap<>(), new HashMap<>());
    }

    private Binder(NameMode mode, LinkedHashMap<String, Integer> idByKey, Map<Integer, Name> nameById) {
        this.mode = mode;
        this.idByKey = idByKey;
        this.nameById = nameById;
    }

    Binder copy() {
        return new Binder(mode, new LinkedHashMap<>(idByKey), new HashMap<>(nameById));
    }

    int resolve(Name name) {
        if (mode == NameMode.EXACT) {
            return name.number().filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)
                    .map(Long::intValue).orElse(INVALID);
        }
        return idByKey.getOrDefault(name.key(), INVALID);
    }

    void bind(Name name, int id) {
        unbind(name);
        var old = nameById.remove(id);
        if (old != null) {
            idByKey.remove(old.key());
        }
        idByKey.put(name.key(), id);
        nameById.put(id, name);
    }

    void unbind(Name name) {
        var id = idByKey.remove(name.key());
        if (id != null) {
            nameById.remove(id);
        }
    }

    /** Whether the name stands for a live handle or mapping now. */
    boolean isBound(Name name) {
        return idByKey.containsKey(name.key());
    }

    /** Bound names, oldest binding first. */
    List<Name> live() {
        var out = new ArrayList<Name>();
        idByKey.values().forEach(id -> out.add(nameById.get(id)));
        return out;
    }

    /** The name bound to a model number, or null. */
    Name nameOf(int id) {
        return nameById.get(id);
    }
}
