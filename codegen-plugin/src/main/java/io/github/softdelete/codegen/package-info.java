/**
 * jOOQ code generator extension for softdelete.
 *
 * <p>Empty for now: a later change adds a generator that records which tables are soft-deletable
 * and how their foreign keys cascade, so the listener needs no configuration by hand.
 */
package io.github.softdelete.codegen;
