package io.github.softdelete.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.Table;

import io.github.softdelete.SoftDelete;

/**
 * Facts that the README, {@code docs/} and {@code SoftDelete}'s javadoc state in prose, checked against
 * the build: the {@code --add-opens} target, the list of opt-outs, and the jOOQ versions. Each method
 * returns its problems, one line each, naming the file and what to write there.
 */
final class DocumentedFacts {

    static final String MODULE_INFO = "core/src/main/java/module-info.java";
    static final String SOFT_DELETE = "core/src/main/java/io/github/softdelete/SoftDelete.java";

    private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+([\\w.]+)\\s*\\{");
    private static final Pattern ADD_OPENS = Pattern.compile("--add-opens[ =]([\\w.]+/[\\w.]+)=([\\w.,-]+)");
    private static final Pattern POM_JOOQ = Pattern.compile("<jooq\\.version>([^<]+)</jooq\\.version>");
    private static final Pattern CI_JOOQ = Pattern.compile("(?m)^jooq_next=(\\S+)$");
    private static final Pattern VERSION = Pattern.compile("\\b\\d+\\.\\d+(?:\\.\\d+)?\\b");

    /** A passage of a file: from the first line containing {@code start} to the line before the first later line that {@code ends}. */
    record Passage(String file, String start, Predicate<String> ends, String description) {
    }

    // Where the opt-outs are listed; each list names every one.
    static final List<Passage> OPT_OUT_LISTS = List.of(
        new Passage("docs/using.md", "## Scoped opt-outs", line -> line.startsWith("## "), "the section \"Scoped opt-outs\""),
        new Passage("docs/README.md", "[Using it](using.md)", line -> line.startsWith("- "), "the entry \"Using it\""),
        new Passage(SOFT_DELETE, "<p>The opt-outs", line -> line.startsWith("* <p>") || line.startsWith("*/"),
            "the class javadoc's paragraph \"The opt-outs\""));

    // Where the jOOQ versions are named; each names exactly the versions the build and CI use.
    static final List<Passage> VERSION_LISTS = List.of(
        new Passage("README.md", "## Databases and jOOQ versions", line -> line.startsWith("## "), "the section \"Databases and jOOQ versions\""),
        new Passage("docs/guarantees.md", "| jOOQ |", line -> true, "the jOOQ row of the support table"),
        new Passage("docs/using.md", "| jOOQ | Java |", line -> !line.startsWith("|"), "the table under \"Databases and jOOQ versions\""));

    private DocumentedFacts() {
    }

    /** Every {@code --add-opens} in the README and docs/ opens to softdelete's module, the one core's module-info names. */
    static List<String> addOpensProblems(Path root) {
        Matcher module = MODULE.matcher(read(root, MODULE_INFO));
        if (!module.find())
            return List.of(MODULE_INFO + ": no module declaration found");
        String expected = module.group(1);
        List<String> problems = new ArrayList<>();
        int found = 0;
        for (Path page : Snippets.pages(root)) {
            List<String> lines = lines(page);
            for (int i = 0; i < lines.size(); i++)
                for (Matcher m = ADD_OPENS.matcher(lines.get(i)); m.find(); found++)
                    if (!m.group(2).equals(expected))
                        problems.add(root.relativize(page) + ":" + (i + 1) + ": --add-opens " + m.group(1) + "=" + m.group(2)
                            + " opens the package to " + m.group(2) + ", but the code that reads it is the module " + expected
                            + " (" + MODULE_INFO + "), and on the class path no option is needed; write =" + expected);
        }
        if (found == 0)
            problems.add("no --add-opens in README.md or docs/: docs/using.md (\"The module path\") should give the option, --add-opens"
                + " org.jooq/org.jooq.impl=" + expected);
        return problems;
    }

    /** The public opt-outs of {@link SoftDelete}: methods that derive a context ({@code DSLContext -> DSLContext}) or a table reference. */
    static Set<String> optOuts() {
        Set<String> names = new TreeSet<>();
        for (Method method : SoftDelete.class.getMethods())
            if (Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == SoftDelete.class
                    && (derives(method, DSLContext.class) || derives(method, Table.class)))
                names.add(method.getName());
        return names;
    }

    private static boolean derives(Method method, Class<?> type) {
        return Arrays.equals(method.getParameterTypes(), new Class<?>[] {type}) && method.getReturnType() == type;
    }

    /** Every list of opt-outs ({@link #OPT_OUT_LISTS}) names each of {@code optOuts}. */
    static List<String> optOutProblems(Path root, Set<String> optOuts) {
        List<String> problems = new ArrayList<>();
        for (Passage list : OPT_OUT_LISTS) {
            String text = passage(root, list, problems);
            for (String name : optOuts)
                if (text != null && !Pattern.compile("\\b" + name + "\\b").matcher(text).find())
                    problems.add(list.file() + ": " + list.description() + " does not name SoftDelete." + name
                        + ", one of its " + optOuts.size() + " public opt-outs " + optOuts + "; add it");
        }
        return problems;
    }

    /** Every list of jOOQ versions ({@link #VERSION_LISTS}) names the versions of the root pom and of {@code .ci/run}, and only those. */
    static List<String> jooqVersionProblems(Path root) {
        Matcher pom = POM_JOOQ.matcher(read(root, "pom.xml"));
        Matcher ci = CI_JOOQ.matcher(read(root, ".ci/run"));
        if (!pom.find() || !ci.find())
            return List.of("pom.xml (<jooq.version>) or .ci/run (jooq_next=) names no jOOQ version");
        Set<String> expected = new TreeSet<>(List.of(pom.group(1), ci.group(1)));
        Set<String> minors = new TreeSet<>(expected.stream().map(DocumentedFacts::minor).toList());
        List<String> problems = new ArrayList<>();
        for (Passage list : VERSION_LISTS) {
            String text = passage(root, list, problems);
            if (text == null)
                continue;
            Set<String> full = new TreeSet<>();
            Set<String> other = new TreeSet<>();
            for (Matcher m = VERSION.matcher(text); m.find(); )
                if (m.group().chars().filter(c -> c == '.').count() == 2)
                    full.add(m.group());
                else if (!minors.contains(m.group()))
                    other.add(m.group());
            if (!full.equals(expected) || !other.isEmpty())
                problems.add(list.file() + ": " + list.description() + " names jOOQ " + full + (other.isEmpty() ? "" : " and " + other)
                    + ", but the build uses " + pom.group(1) + " (pom.xml, jooq.version) and CI also " + ci.group(1)
                    + " (.ci/run, jooq_next); name exactly " + expected);
        }
        return problems;
    }

    private static String minor(String version) {
        return version.substring(0, version.lastIndexOf('.'));
    }

    private static String passage(Path root, Passage passage, List<String> problems) {
        List<String> lines = lines(root.resolve(passage.file()));
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains(passage.start()))
            start++;
        if (start == lines.size()) {
            problems.add(passage.file() + ": no line contains \"" + passage.start() + "\", which begins " + passage.description());
            return null;
        }
        int end = start + 1;
        while (end < lines.size() && !passage.ends().test(lines.get(end).trim()))
            end++;
        return String.join("\n", lines.subList(start, end));
    }

    private static String read(Path root, String file) {
        return String.join("\n", lines(root.resolve(file)));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
