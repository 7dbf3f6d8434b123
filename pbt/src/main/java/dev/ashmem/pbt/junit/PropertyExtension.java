package dev.ashmem.pbt.junit;

import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Ctx;
import dev.ashmem.pbt.Gen;
import dev.ashmem.pbt.Gens;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.PropertyBody;
import dev.ashmem.pbt.PropertyFailure;
import dev.ashmem.pbt.Result;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs {@link Property} methods through the engine. JUnit resolves the parameters to placeholders; the
 * interceptor then skips JUnit's single invocation and calls the method once per test case with drawn
 * arguments. A failure surfaces as a {@link PropertyFailure} whose message is the whole report.
 */
public final class PropertyExtension implements ParameterResolver, InvocationInterceptor {

    private static final Map<Class<?>, Gen<?>> DEFAULTS = Map.of(
            int.class, Gens.ints(), Integer.class, Gens.ints(),
            long.class, Gens.longs(), Long.class, Gens.longs(),
            boolean.class, Gens.booleans(), Boolean.class, Gens.booleans(),
            String.class, Gens.strings(0, 32),
            byte[].class, Gens.bytes(0, 64));

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getDeclaringExecutable().isAnnotationPresent(Property.class) && !leftToJUnit(pc.getParameter());
    }

    /** Parameters JUnit's own resolvers provide (TestInfo, TestReporter, @TempDir, …); they are passed through. */
    static boolean leftToJUnit(Parameter p) {
        if (p.getType().getName().startsWith("org.junit.")) return true;
        return Arrays.stream(p.getAnnotations()).anyMatch(a -> a.annotationType().getName().startsWith("org.junit."));
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        if (!type.isPrimitive()) return null;
        if (type == boolean.class) return false;
        if (type == char.class) return '\0';
        if (type == long.class) return 0L;
        if (type == double.class) return 0.0;
        if (type == float.class) return 0.0f;
        if (type == short.class) return (short) 0;
        if (type == byte.class) return (byte) 0;
        return 0;
    }

    /**
     * The property's name (its failure database key and replay target): Class#method, with the parameter
     * types when another property of the class has the same method name (overloads would share a stored case).
     */
    static String nameOf(Class<?> testClass, Method method) {
        String name = testClass.getName() + "#" + method.getName();
        boolean overloaded = java.util.Arrays.stream(method.getDeclaringClass().getDeclaredMethods())
                .anyMatch(m -> !m.equals(method) && m.getName().equals(method.getName()) && m.isAnnotationPresent(Property.class));
        if (!overloaded) {
            return name;
        }
        return name + "(" + java.util.Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(",")) + ")";
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        invocation.skip();
        Method method = call.getExecutable();
        Object target = call.getTarget().orElse(null);
        String name = nameOf(context.getRequiredTestClass(), method);
        Config config = configFor(method, context);
        PropertyBody body = bodyFor(method, target, call.getArguments());
        Result result = Pbt.check(name, config, body);
        if (!result.passed()) throw new PropertyFailure(result);
        if (!result.statistics().labels().isEmpty() || result instanceof Result.Passed p && p.timedOut()) {
            System.out.println(result.report());
        }
    }

    static Config configFor(Method method, ExtensionContext context) {
        Property p = method.getAnnotation(Property.class);
        Config c = Config.defaults();
        if (p.tries() > 0) c = c.withTries(p.tries());
        if (p.maxSteps() >= 0) c = c.withMaxSteps(p.maxSteps());
        if (p.shrinks() >= 0) c = c.withMaxShrinks(p.shrinks());
        if (p.pageSize() > 0) c = c.withPageSize(p.pageSize());
        if (p.maxFailures() > 0) c = c.withMaxFailures(p.maxFailures());
        Map<String, String> fromAnnotation = new java.util.HashMap<>();
        if (!p.seed().isBlank()) fromAnnotation.put(Config.SEED, p.seed());
        if (!p.time().isBlank()) fromAnnotation.put(Config.TIME, p.time());
        if (!p.shrinkTime().isBlank()) fromAnnotation.put(Config.SHRINK_TIME, p.shrinkTime());
        Replay replay = method.getAnnotation(Replay.class);
        if (replay != null) fromAnnotation.put(Config.REPLAY, replay.value());
        c = c.withOverrides(key -> Optional.ofNullable(fromAnnotation.get(key)));
        if (p.database()) c = c.withDatabase(defaultDatabase());
        for (Cover cover : AnnotationSupport.findRepeatableAnnotations(method, Cover.class)) {
            c = c.requireCoverage(cover.atLeast(), cover.value());
        }
        // pbt.* keys (system properties, junit-platform.properties, launcher parameters) win over annotations.
        return c.withOverrides(context::getConfigurationParameter);
    }

    private static Path defaultDatabase() {
        String basedir = System.getProperty("basedir");
        Path root = basedir == null ? Path.of("") : Path.of(basedir);
        return root.resolve("target").resolve("pbt-failures");
    }

    private static PropertyBody bodyFor(Method method, Object target, java.util.List<Object> resolved) {
        Parameter[] params = method.getParameters();
        Gen<?>[] gens = new Gen<?>[params.length];
        boolean[] passThrough = new boolean[params.length];
        for (int i = 0; i < params.length; i++) {
            Parameter param = params[i];
            if (param.getType() == Ctx.class) continue;
            if (leftToJUnit(param)) {
                passThrough[i] = true;
                continue;
            }
            From from = param.getAnnotation(From.class);
            gens[i] = from != null ? lookup(method.getDeclaringClass(), target, from.value(), param)
                    : DEFAULTS.get(param.getType());
            if (gens[i] == null) {
                throw new ExtensionConfigurationException("parameter '" + param.getName() + "' of property "
                        + method.getName() + " has type " + param.getType().getSimpleName()
                        + " without a default generator: annotate it with @From(\"generatorName\")");
            }
        }
        return ctx -> {
            Object[] args = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = passThrough[i] ? resolved.get(i)
                        : gens[i] == null ? ctx : ctx.draw(gens[i], params[i].getName());
            }
            ReflectionSupport.invokeMethod(method, target, args);
        };
    }

    private static Gen<?> lookup(Class<?> type, Object target, String name, Parameter param) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Optional<Field> field = Arrays.stream(c.getDeclaredFields())
                    .filter(f -> f.getName().equals(name) && Gen.class.isAssignableFrom(f.getType())).findFirst();
            if (field.isPresent()) {
                Field f = field.get();
                Object owner = Modifier.isStatic(f.getModifiers()) ? null : target;
                return (Gen<?>) ReflectionSupport.tryToReadFieldValue(f, owner).getOrThrow(
                        e -> new ExtensionConfigurationException("cannot read generator field " + name, e));
            }
            Optional<Method> method = Arrays.stream(c.getDeclaredMethods())
                    .filter(m -> m.getName().equals(name) && m.getParameterCount() == 0
                            && Gen.class.isAssignableFrom(m.getReturnType())).findFirst();
            if (method.isPresent()) {
                Method m = method.get();
                Object owner = Modifier.isStatic(m.getModifiers()) ? null : target;
                return (Gen<?>) ReflectionSupport.invokeMethod(m, owner);
            }
        }
        throw new ExtensionConfigurationException("@From(\"" + name + "\") on parameter '" + param.getName()
                + "': no field or no-argument method named " + name + " returning a Gen in " + type.getName());
    }
}
