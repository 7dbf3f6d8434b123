package dev.ashmem.pbt.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A property's name keys its stored failures: overloaded property methods get their parameter types in it,
 * or one would replay (and, passing, delete) the other's stored case under other generators.
 */
class PropertyNameTest {
    static class Overloads {
        @Property
        void sizes(int a) {
        }

        @Property
        void sizes(long a, long b) {
        }

        @Property
        void alone(int a) {
        }
    }

    @Test
    void overloadsAreToldApartAndOtherNamesStayAsTheyWere() throws Exception {
        var one = Overloads.class.getDeclaredMethod("sizes", int.class);
        var two = Overloads.class.getDeclaredMethod("sizes", long.class, long.class);
        var alone = Overloads.class.getDeclaredMethod("alone", int.class);
        String base = Overloads.class.getName() + "#";
        assertThat(PropertyExtension.nameOf(Overloads.class, one)).isEqualTo(base + "sizes(int)");
        assertThat(PropertyExtension.nameOf(Overloads.class, two)).isEqualTo(base + "sizes(long,long)");
        assertThat(PropertyExtension.nameOf(Overloads.class, alone)).isEqualTo(base + "alone");
    }
}
