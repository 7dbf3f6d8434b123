/**
 * The jcstress tests, one per scenario of {@link dev.ashmem.stress.scenario.Scenarios}, each written like
 * jcstress' own samples: a comment with the initial state (the scenario's setup as {@code ashmem-trace 1}
 * lines with the model's results) and what each actor does, then the {@code @Outcome} annotations, then
 * the {@code @Actor} methods naming their operations ({@code run.act("pin = ioctl 0 PIN 0 4096")}: the
 * slot and the operation's trace line) and the {@code @Arbiter}.
 *
 * <p>Nothing in a file is taken on trust. {@code TestFilesShowTheirSetupTest}: the initial state shown
 * is the scenario's setup. {@code ActorsNameTheirScenarioTest}: each actor calls its scenario's
 * operations in program order. {@code DeclaredOutcomesTest}: the ACCEPTABLE outcomes are exactly those the
 * model gives over every serial order of the actors' steps, and every named FORBIDDEN one is outside
 * them. The serial order behind any outcome prints as a trace: {@code OutcomeTraces}.
 */
package dev.ashmem.stress.tests;
