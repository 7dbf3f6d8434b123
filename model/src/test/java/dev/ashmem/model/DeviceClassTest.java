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

    @Test
    void noClassPathIsTheToolsOwnAndAClassPathLooksThereFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var own = DeviceClass.class.getClassLoader();
        assertThat(DeviceClass.classPath(null)).isSameAs(own);
        assertThat(DeviceClass.classPath("")).isSameAs(own);
        assertThat(DeviceClass.classPath("  ")).isSameAs(own);
        var loader = DeviceClass.classPath(dir + java.io.File.pathSeparator + " " + java.io.File.pathSeparator + dir);
        assertThat(loader).isInstanceOf(java.net.URLClassLoader.class).isNotSameAs(own);
        assertThat(loader.getParent()).isSameAs(own);
        assertThat(((java.net.URLClassLoader) loader).getURLs()).containsExactly(dir.toUri().toURL(), dir.toUri().toURL());
        // a class not in the user's directories comes from the tool's own class path
        try (var d = DeviceClass.load(AshmemModel.class.getName(), dir.toString()).apply(4096)) {
            assertThat(d).isInstanceOf(AshmemModel.class);
        }
        try (var d = DeviceClass.load(AshmemModel.class.getName(), (String) null).apply(65536)) {
            assertThat(d.pageSize()).isEqualTo(65536);
        }
        var missing = dir.resolve("missing.jar");
        assertThatThrownBy(() -> DeviceClass.classPath(dir + java.io.File.pathSeparator + missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--classpath: " + missing + " does not exist");
    }
}
