package dev.ashmem.oracle.cli;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceClass;
import dev.ashmem.model.Platform;
import dev.ashmem.oracle.Implementations;
import dev.ashmem.trace.Profile;
import dev.ashmem.generator.OpKind;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.oracle.protocol.ProtocolServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Speaks the line protocol on standard input and output, backed by the model (optionally with a profile), "
                + "by the reference implementation (optionally a deliberately broken variant of it) or by an implementation of yours.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--impl", defaultValue = "model", paramLabel = "model|reference|CLASS",
            description = {"the backing device: the model, the reference implementation, or " + DeviceClass.REQUIREMENT
                    + " (default ${DEFAULT-VALUE})"})
    String impl;

    @Option(names = "--classpath", paramLabel = "PATH", description = "with --impl CLASS: " + DeviceClass.CLASSPATH_HELP)
    String classpath;

    @Option(names = "--variant", paramLabel = "NAME", completionCandidates = VariantNames.class,
            description = "with --impl reference: serve this deliberately broken variant of it instead, one of: ${COMPLETION-CANDIDATES}")
    String variant;

    @Option(names = "--page-size", defaultValue = "4096", description = "4096, 16384 or 65536 (default ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--profile", converter = ProfileConverter.class, defaultValue = "mainline", paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "one of ${COMPLETION-CANDIDATES} (rust: the newest Rust revision); with --impl model: serve this profile's behaviour (default ${DEFAULT-VALUE})")
    Profile profile;

    @Option(names = "--platform", converter = PlatformConverter.class, paramLabel = "PLATFORM",
            description = "with --impl model: the generic layer to answer for, " + PlatformConverter.HELP + "; the hello line says which (default x86-64)")
    Platform platform;

    @Option(names = "--unsupported", converter = OpKindConverter.class, split = ",", paramLabel = "CLASS",
            description = "declare these operation classes unsupported in the hello line and answer 'error unsupported CLASS' to them")
    Set<OpKind> unsupported;

    @Option(names = "--refuse", converter = OpKindConverter.class, split = ",", paramLabel = "CLASS",
            description = "answer 'error unsupported CLASS' to these operation classes without declaring them")
    Set<OpKind> refuse;

    @Option(names = "--results", defaultValue = "kernel", paramLabel = "kernel|user",
            description = "ioctl values as the kernel returns them (long) or as int ioctl() does; the hello line says which (default ${DEFAULT-VALUE})")
    String results;

    /** The catalogue's names, for --help. */
    static final class VariantNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Implementations.variantNames().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new ParameterException(spec.commandLine(), "--page-size must be 4096, 16384 or 65536");
        }
        // An unknown variant is refused whatever --impl says: the line lists the names there are.
        if (variant != null && !Implementations.variantNames().contains(variant)) {
            var names = Implementations.variantNames();
            throw new ParameterException(spec.commandLine(), names.isEmpty()
                    ? "--variant needs the reference implementation, which is not on the class path"
                    : "unknown --variant '" + variant + "'; known: " + String.join(", ", names));
        }
        boolean builtIn = impl.equals("model") || impl.equals("reference");
        if (builtIn && classpath != null) {
            throw new ParameterException(spec.commandLine(), "--classpath applies to --impl CLASS only");
        }
        ProtocolServer server;
        switch (impl) {
            case "model" -> {
                if (variant != null) {
                    throw new ParameterException(spec.commandLine(), "--variant applies to --impl reference only");
                }
                var on = platform == null ? Platform.X86_64 : platform;
                server = new ProtocolServer(() -> Profiles.newDevice(profile, pageSize, on),
                        new Hello(Hello.VERSION, pageSize, profile, "model", ResultsMode.KERNEL, Set.of(), on));
            }
            case "reference" -> {
                if (profile != Profile.MAINLINE) {
                    throw new ParameterException(spec.commandLine(), "--profile applies to --impl model only");
                }
                if (platform != null) {
                    throw new ParameterException(spec.commandLine(), "--platform applies to --impl model only");
                }
                var problem = Implementations.referenceProblem();
                if (problem != null) {
                    err.println("ashmem serve: " + problem);
                    return 2;
                }
                server = reference(variant, pageSize);
            }
            default -> {
                if (profile != Profile.MAINLINE) {
                    throw new ParameterException(spec.commandLine(), "--profile applies to --impl model only");
                }
                if (platform != null) {
                    throw new ParameterException(spec.commandLine(), "--platform applies to --impl model only");
                }
                if (variant != null) {
                    throw new ParameterException(spec.commandLine(), "--variant applies to --impl reference only");
                }
                IntFunction<AshmemDevice> devices;
                try {
                    devices = DeviceClass.load(impl, classpath);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("--") ? e.getMessage()
                            : "--impl: " + e.getMessage() + " (model and reference name the built-in devices)");
                }
                // One device now, so a constructor that fails says so before the hello line.
                try (var probe = devices.apply(pageSize)) {
                    probe.pageSize();
                } catch (RuntimeException e) {
                    err.println("ashmem serve: " + e.getMessage());
                    return 2;
                }
                server = new ProtocolServer(() -> devices.apply(pageSize), new Hello(Hello.VERSION, pageSize, Profile.MAINLINE, impl));
            }
        }
        ResultsMode mode = switch (results) {
            case "kernel" -> ResultsMode.KERNEL;
            case "user" -> ResultsMode.USER;
            default -> throw new ParameterException(spec.commandLine(), "--results must be kernel or user, not '" + results + "'");
        };
        var h = server.hello();
        server = server.with(new Hello(h.version(), h.pageSize(), h.profile(), h.impl(), mode,
                unsupported == null ? Set.of() : unsupported, h.platform()), refuse == null ? Set.of() : refuse);
        var out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        server.serve(in, out);
        out.flush();
        return 0;
    }

    /** The server of {@code --impl reference [--variant NAME]} (variant null: the correct one), as drive-rate also runs it. */
    static ProtocolServer reference(String variant, int pageSize) {
        Supplier<AshmemDevice> devices = variant == null
                ? () -> Implementations.reference(pageSize).orElseThrow()
                : () -> Implementations.variant(variant, pageSize).orElseThrow();
        String name = variant == null ? "reference" : "reference-broken-" + variant;
        return new ProtocolServer(devices, new Hello(Hello.VERSION, pageSize, Profile.MAINLINE, name));
    }
}
