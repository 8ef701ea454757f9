import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * Step 3 of .ci/run: every jOOQ method and field that the given jars (built against jOOQ 3.19) call must exist, with
 * the same descriptor, in the jOOQ on this program's class path (3.21). A method jOOQ replaced by one with a wider
 * parameter type compiles on both versions but fails to link at run time (NoSuchMethodError: jOOQ 3.21's
 * DSL.exists(TableLike) for 3.19's DSL.exists(Select)), and only where a test happens to reach the call; this reads
 * every call site instead. Run on JDK 24+ (java.lang.classfile):
 *   java -cp <jOOQ 3.21 jars> .ci/JooqLinkage.java core.jar codegen.jar
 */
public class JooqLinkage {

    public static void main(String[] jars) throws IOException {
        Set<String> missing = new TreeSet<>();
        int references = 0;
        for (String jar : jars) {
            try (JarFile file = new JarFile(jar)) {
                for (var entry : java.util.Collections.list(file.entries())) {
                    if (!entry.getName().endsWith(".class") || entry.getName().endsWith("module-info.class"))
                        continue;
                    ClassModel model = ClassFile.of().parse(file.getInputStream(entry).readAllBytes());
                    for (MethodModel method : model.methods()) {
                        CodeModel code = method.code().orElse(null);
                        if (code == null)
                            continue;
                        for (var element : code) {
                            String problem = null;
                            if (element instanceof InvokeInstruction invoke && isJooq(invoke.owner().asInternalName())) {
                                references++;
                                problem = methodProblem(invoke);
                            } else if (element instanceof FieldInstruction field && isJooq(field.owner().asInternalName())) {
                                references++;
                                problem = fieldProblem(field);
                            }
                            if (problem != null)
                                missing.add(model.thisClass().asInternalName().replace('/', '.') + "." + method.methodName() + ": " + problem);
                        }
                    }
                }
            }
        }
        missing.forEach(System.out::println);
        System.out.println("JooqLinkage: " + references + " jOOQ references checked, " + missing.size() + " do not link on jOOQ "
            + org.jooq.Constants.VERSION);
        if (!missing.isEmpty())
            System.exit(1);
    }

    private static boolean isJooq(String internalName) {
        return internalName.startsWith("org/jooq/");
    }

    private static String methodProblem(InvokeInstruction invoke) {
        String owner = invoke.owner().asInternalName().replace('/', '.'), name = invoke.name().stringValue();
        String descriptor = invoke.type().stringValue();
        try {
            Class<?> type = load(owner);
            MethodType wanted = MethodType.fromMethodDescriptorString(descriptor, JooqLinkage.class.getClassLoader());
            boolean isStatic = invoke.opcode() == Opcode.INVOKESTATIC;
            for (Class<?> candidate : hierarchy(type)) {
                for (Executable member : name.equals("<init>") ? candidate.getDeclaredConstructors() : candidate.getDeclaredMethods()) {
                    if (!(member instanceof java.lang.reflect.Constructor) && !member.getName().equals(name))
                        continue;
                    Class<?> returned = member instanceof java.lang.reflect.Method m ? m.getReturnType() : void.class;
                    if (MethodType.methodType(returned, member.getParameterTypes()).equals(wanted)
                        && Modifier.isStatic(member.getModifiers()) == isStatic)
                        return null;
                }
                if (name.equals("<init>"))
                    break;
            }
            return owner + "." + name + descriptor + " is missing";
        } catch (ClassNotFoundException | TypeNotPresentException e) {
            return owner + "." + name + descriptor + ": class not found (" + e.getMessage() + ")";
        }
    }

    private static String fieldProblem(FieldInstruction instruction) {
        String owner = instruction.owner().asInternalName().replace('/', '.'), name = instruction.name().stringValue();
        try {
            for (Class<?> candidate : hierarchy(load(owner)))
                for (Field field : candidate.getDeclaredFields())
                    if (field.getName().equals(name) && field.getType().descriptorString().equals(instruction.type().stringValue()))
                        return null;
            return owner + "." + name + " is missing";
        } catch (ClassNotFoundException e) {
            return owner + "." + name + ": class not found";
        }
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, JooqLinkage.class.getClassLoader());
    }

    // The class, its superclasses and all their interfaces: where the JVM looks a member up.
    private static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> all = new java.util.LinkedHashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> next = pending.poll();
            if (!all.add(next))
                continue;
            if (next.getSuperclass() != null)
                pending.add(next.getSuperclass());
            pending.addAll(java.util.List.of(next.getInterfaces()));
        }
        if (type.isInterface())
            all.add(Object.class); // interface calls of equals, hashCode, toString
        return all;
    }
}
