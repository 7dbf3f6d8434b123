package dev.ashmem.oracle.profile;

import dev.ashmem.trace.Profile;
import dev.ashmem.model.AshmemModel;

/** The reference: the model as it is. */
final class MainlineDevice extends DelegatingDevice {

    MainlineDevice(AshmemModel m) {
        super(m);
    }

    @Override
    public Profile profile() {
        return Profile.MAINLINE;
    }

    @Override
    public ProfileDevice copy() {
        return new MainlineDevice(m.copy());
    }
}
