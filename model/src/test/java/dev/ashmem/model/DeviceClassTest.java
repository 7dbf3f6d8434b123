package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Loading an implementation by name: the factory works, and each way of getting it wrong says which. */
class DeviceClassTest {

    /** An AshmemDevice with the wrong constructor. */
    public abstract static class NoPageSizeConstructor implements AshmemDevice {
        public NoPageSizeConstructor(long pageSize) {
        }
    }

    @Test
    void aDeviceClassGivesDevicesOfEachPageSize() throws Exception {
        var devices = DeviceClass.load(AshmemModel.class.getName());
        try (var d = devices.apply(16384)) {
            assertThat(d).isInstanceOf(AshmemModel.class);
            assertThat(d.pageSize()).isEqualTo(16384);
        }
    }

    @Test
    void aMissingClassIsNamedAsMissing() {
        assertThatThrownBy(() -> DeviceClass.load("com.example.NoSuchAshmem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("implementation class com.example.NoSuchAshmem is not on the class path");
    }

    @Test
    void aClassThatIsNoDeviceIsRefused() {
        assertThatThrownBy(() -> DeviceClass.load("java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.String does not implement dev.ashmem.model.AshmemDevice");
    }

    @Test
    void aDeviceWithoutAPageSizeConstructorIsRefused() {
        String name = NoPageSizeConstructor.class.getName();
        assertThatThrownBy(() -> DeviceClass.load(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + " has no public constructor (int pageSize)");
    }
}
