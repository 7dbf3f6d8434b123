package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.pbt.Result;
import org.junit.jupiter.api.Test;

/** The differential machinery on the model against itself: it must pass and reach every sequential rule. */
class ModelAgainstItselfTest {
    @Test
    void theModelAgreesWithItselfAndTheDefaultRunCoversEverySequentialRule() {
        var result = Differential.check("model vs model", AshmemModel::new, 4096, Differential.defaultConfig().withSeed(3L));
        System.out.println(result.report());
        assertThat(result).isInstanceOf(Result.Passed.class);
    }
}
