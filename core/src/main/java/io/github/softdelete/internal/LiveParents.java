package io.github.softdelete.internal;

/** Placeholder, filled in below. */
final class LiveParents {
    static final String MARK = "softdelete-deleted-target:";
    private LiveParents() {
    }
}
