package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The dependency table names spec rules only, and only context, concurrency and invariant rules are depended on. */
class RuleDependenciesTest {

    @Test
    void everyRuleInTheTableIsDefinedBySpec() {
        var named = new TreeSet<String>(RuleDependencies.table().keySet());
        RuleDependencies.table().values().forEach(named::addAll);
        assertThat(RuleCatalogue.ALL).containsAll(named);
    }

    @Test
    void onlyRulesTheModelCannotSeeHappenAreDependedOn() {
        var supporting = new TreeSet<String>();
        RuleDependencies.table().values().forEach(supporting::addAll);
        assertThat(supporting).allMatch(id -> id.startsWith("CTX-") || id.startsWith("CONC-") || id.startsWith("INV-")
                || RuleCatalogue.CONCURRENCY_ONLY.contains(id), "a context, concurrency or invariant rule");
    }

    @Test
    void dependenciesAreTransitiveAndCompleteKeepsSpecOrder() {
        assertThat(RuleDependencies.of("PINARG-PAGES")).contains("PINARG-WAIT", "CONC-MUTEX", "CONC-INFLIGHT", "CTX-PAGE");
        assertThat(RuleDependencies.complete(java.util.List.of("SHRINK-COUNT")))
                .containsExactly("SHRINK-COUNT", "CONC-UNLOCKED", "INV-LRU-COUNT");
        assertThat(RuleDependencies.of("HANDLE-NUM")).isEmpty();
    }

    @Test
    void theTableListsEachRulesDirectDependencies() {
        assertThat(RuleDependencies.table()).isNotEmpty();
        RuleDependencies.table().forEach((rule, direct) -> assertThat(RuleDependencies.of(rule)).as(rule).containsAll(direct));
        assertThat(RuleDependencies.table().get("SHRINK-COUNT")).contains("CONC-UNLOCKED");
    }

    @Test
    void completeSortsByTheCatalogueWithUnknownIdsLast() {
        String first = RuleCatalogue.ALL.getFirst();
        String last = RuleCatalogue.ALL.getLast();
        assertThat(RuleDependencies.complete(java.util.List.of(last, first))).first().isEqualTo(first);
        assertThat(RuleDependencies.complete(java.util.List.of("NOT-A-RULE", first))).first().isEqualTo(first);
        assertThat(RuleDependencies.complete(java.util.List.of("NOT-A-RULE", first))).last().isEqualTo("NOT-A-RULE");
    }
}

