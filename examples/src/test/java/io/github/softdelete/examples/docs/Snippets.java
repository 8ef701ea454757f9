package io.github.softdelete.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule that keeps documentation code honest: every {@code ```java} block in the README and in
 * {@code docs/} is preceded by {@code <!-- snippet: NAME -->}, and its text (modulo the common leading
 * indentation) equals the lines between {@code // snippet:begin NAME} and {@code // snippet:end NAME}
 * in a Java source file of the build ({@code src/main/java} or {@code src/test/java} of any module), which
 * compiles it and runs it.
 */
final class Snippets {

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*([\\w.-]+)\\s*-->\\s*$");
    private static final Pattern JAVA_FENCE = Pattern.compile("^(\\s*)```java\\s*$");
    private static final Pattern FENCE_END = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// snippet:begin ([\\w.-]+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// snippet:end ([\\w.-]+)\\s*$");

    private Snippets() {
    }

    /** A source region: its text and the file it is in. */
    record Region(String text, Path file) {
    }

    /** Every problem found in {@code pages} against the regions of {@code sources}, one line each. */
    static List<String> problems(Path root, List<Path> pages, List<Path> sources) {
        List<String> problems = new ArrayList<>();
        Map<String, Region> regions = regions(root, sources, problems);
        for (Path page : pages)
            checkPage(root, page, regions, problems);
        return problems;
    }

    /** The pages checked under {@code root}: README.md and every Markdown file under docs/. */
    static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("README.md")))
            pages.add(root.resolve("README.md"));
        pages.addAll(walk(root.resolve("docs"), ".md"));
        return pages;
    }

    /** The Java sources of every module under {@code root}: files under a src/main/java or src/test/java. */
    static List<Path> sources(Path root) {
        return walk(root, ".java").stream()
            .filter(p -> {
                String path = root.relativize(p).toString().replace('\\', '/');
                return (path.contains("/src/main/java/") || path.contains("/src/test/java/"))
                    && !path.contains("/target/") && !path.startsWith(".");
            }).toList();
    }

    private static void checkPage(Path root, Path page, Map<String, Region> regions, List<String> problems) {
        List<String> lines = read(page);
        String where = root.relativize(page).toString();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = JAVA_FENCE.matcher(lines.get(i));
            if (!fence.matches())
                continue;
            int end = i + 1;
            while (end < lines.size() && !FENCE_END.matcher(lines.get(end)).matches())
                end++;
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
            if (marker == null || !marker.matches()) {
                problems.add(where + ":" + (i + 1) + ": a ```java block without <!-- snippet: NAME --> on the line "
                    + "before. Mark it, and put the same code between // snippet:begin NAME and // snippet:end NAME "
                    + "in a test or example that runs in the build.");
            } else {
                String name = marker.group(1);
                Region region = regions.get(name);
                String text = normalize(lines.subList(i + 1, Math.min(end, lines.size())));
                if (region == null)
                    problems.add(where + ":" + (i + 1) + ": snippet '" + name + "' is in no source file: add "
                        + "// snippet:begin " + name + " and // snippet:end " + name + " around the code in a test "
                        + "or example that runs in the build.");
                else if (!region.text().equals(text))
                    problems.add(where + ":" + (i + 1) + ": snippet '" + name + "' differs from "
                        + root.relativize(region.file()) + ": " + firstDifference(text, region.text())
                        + ". Change the page or the source so that they match.");
            }
            i = end;
        }
    }

    private static Map<String, Region> regions(Path root, List<Path> sources, List<String> problems) {
        Map<String, Region> regions = new LinkedHashMap<>();
        for (Path source : sources) {
            List<String> lines = read(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher begin = BEGIN.matcher(lines.get(i));
                if (!begin.matches())
                    continue;
                String name = begin.group(1);
                int end = i + 1;
                while (end < lines.size() && !isEnd(lines.get(end), name))
                    end++;
                if (end == lines.size()) {
                    problems.add(root.relativize(source) + ":" + (i + 1) + ": // snippet:begin " + name
                        + " has no // snippet:end " + name + ".");
                    break;
                }
                Region previous = regions.put(name, new Region(normalize(lines.subList(i + 1, end)), source));
                if (previous != null)
                    problems.add(root.relativize(source) + ":" + (i + 1) + ": snippet '" + name + "' is also in "
                        + root.relativize(previous.file()) + "; give each snippet one name.");
                i = end;
            }
        }
        return regions;
    }

    private static boolean isEnd(String line, String name) {
        Matcher end = END.matcher(line);
        return end.matches() && end.group(1).equals(name);
    }

    /** The lines without their common leading indentation and trailing blanks, blank lines at both ends dropped. */
    static String normalize(List<String> lines) {
        List<String> trimmed = lines.stream().map(String::stripTrailing).toList();
        int first = 0;
        int last = trimmed.size();
        while (first < last && trimmed.get(first).isEmpty())
            first++;
        while (last > first && trimmed.get(last - 1).isEmpty())
            last--;
        List<String> body = trimmed.subList(first, last);
        int indent = body.stream().filter(l -> !l.isEmpty())
            .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList());
    }

    private static String firstDifference(String page, String source) {
        String[] a = page.split("\n", -1);
        String[] b = source.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<nothing>";
            String right = i < b.length ? b[i] : "<nothing>";
            if (!left.equals(right))
                return "line " + (i + 1) + " of the snippet reads `" + left + "` on the page and `" + right
                    + "` in the source";
        }
        return "they differ";
    }

    private static List<Path> walk(Path dir, String suffix) {
        if (!Files.isDirectory(dir))
            return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
